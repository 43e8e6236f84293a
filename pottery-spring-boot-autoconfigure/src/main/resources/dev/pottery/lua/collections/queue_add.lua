-- RedisSimpleQueue.addAll (and creation with initial items): one XADD per item, atomically.
-- KEYS[1] the stream
-- ARGV[1] 'create' (fail if the key exists) or 'append'; ARGV[2..] the items, canonical JSON
-- Reply   the number of items added, or -1 when ARGV[1] is 'create' and the key existed (nothing written)
if ARGV[1] == 'create' and redis.call('EXISTS', KEYS[1]) == 1 then
	return -1
end
for i = 2, #ARGV do
	redis.call('XADD', KEYS[1], '*', 'item', ARGV[i])
end
return #ARGV - 1
