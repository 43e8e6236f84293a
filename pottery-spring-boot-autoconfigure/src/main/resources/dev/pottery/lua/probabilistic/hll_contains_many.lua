-- Which values a HyperLogLog probably contains, without changing it: pottery's temporary-copy trick (COPY the HLL to a
-- scratch key, PFADD the value there, contained iff no register changed), done atomically in one script. The scratch
-- key never outlives the script, and nothing it does is replicated or written to the AOF (REPL_NONE): its net effect
-- on the data set is nil.
--
-- KEYS[1]  the HyperLogLog (a string in HLL encoding); may be missing
-- KEYS[2]  a scratch key in the same hash slot that must not exist; created and deleted here
-- ARGV     the canonical JSON of each value to test
-- Reply    an array with, per value, 1 if adding it to a copy changed no register (probably contained), else 0;
--          all 0 for a missing HyperLogLog. Errors: WRONGTYPE when KEYS[1] is not a (HyperLogLog) string, and
--          'scratch key exists' when KEYS[2] does (nothing is changed in either case).
redis.set_repl(redis.REPL_NONE)
local replies = {}
local kind = redis.call('TYPE', KEYS[1])['ok']
if kind == 'none' then
  for i = 1, #ARGV do
    replies[i] = 0
  end
  return replies
end
if kind ~= 'string' then
  return redis.error_reply('WRONGTYPE Operation against a key holding the wrong kind of value')
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return redis.error_reply('ERR scratch key exists: ' .. KEYS[2])
end
redis.call('COPY', KEYS[1], KEYS[2])
for i = 1, #ARGV do
  local changed = redis.pcall('PFADD', KEYS[2], ARGV[i])
  if type(changed) == 'table' and changed['err'] then
    redis.call('DEL', KEYS[2])
    return changed
  end
  if changed == 0 then
    replies[i] = 1
  else
    replies[i] = 0
    if i < #ARGV then
      redis.call('COPY', KEYS[1], KEYS[2], 'REPLACE')
    end
  end
end
redis.call('DEL', KEYS[2])
return replies
