-- RedisMap.remove(key): delete a field and return its value, atomically.
-- KEYS[1] the hash
-- ARGV[1] the field
-- Reply: the removed value, or nil when the field was absent
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if previous then
	redis.call('HDEL', KEYS[1], ARGV[1])
end
return previous
