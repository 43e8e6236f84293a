-- HyperLogLog.union / unionSize with HyperLogLogs of other hash slots (Redis Cluster), the client-side fallback of
-- PFMERGE / PFCOUNT: the client has read the others' HyperLogLog strings with GET in their own slots; here they are
-- written to scratch keys of KEYS[1]'s slot, merged or counted with KEYS[1], and the scratch keys are deleted again,
-- all in one atomic step. Redis validates the copies as it validates any HyperLogLog, so no encoding is reimplemented.
--
-- KEYS[1]       the HyperLogLog to merge into ('merge') or to count with the others ('count'); may be missing
-- KEYS[2..n+1]  HyperLogLogs in KEYS[1]'s slot, used in place (n = ARGV[2]; may be missing)
-- KEYS[n+2..]   scratch keys in KEYS[1]'s slot that must not exist, one per copy; created and deleted here
-- ARGV[1]       'merge' (PFMERGE into KEYS[1]) or 'count' (PFCOUNT of all keys; nothing changes, nothing replicated)
-- ARGV[2]       n
-- ARGV[3..]     the raw HyperLogLog strings copied from the other slots, one per scratch key
-- Reply         'merge': 1; 'count': the estimated number of distinct values in the union. Errors: WRONGTYPE when a
--               key or copy is not a HyperLogLog, 'scratch key exists' when a scratch key does (nothing is changed)
local merge = ARGV[1] == 'merge'
if not merge then
  -- the scratch keys never outlive the script and PFCOUNT of several keys writes nothing: the net effect is nil
  redis.set_repl(redis.REPL_NONE)
end
local direct = tonumber(ARGV[2])
local first = direct + 2
for i = first, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return redis.error_reply('ERR scratch key exists: ' .. KEYS[i])
  end
end
for i = first, #KEYS do
  redis.call('SET', KEYS[i], ARGV[i - first + 3])
end
local reply
if merge then
  reply = redis.pcall('PFMERGE', unpack(KEYS))
else
  reply = redis.pcall('PFCOUNT', unpack(KEYS))
end
for i = first, #KEYS do
  redis.call('DEL', KEYS[i])
end
if type(reply) == 'table' and reply['err'] then
  return reply
end
if merge then
  return 1
end
return reply
