-- RedisMap.replace(key, value): set a field only if it is present, atomically.
-- KEYS[1] the hash
-- ARGV[1] the field, ARGV[2] the new value
-- Reply: the previous value when the field was present (and replaced), or nil (nothing written)
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if previous then
	redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return previous
