-- RedisMap.putIfAbsent: set a field only if it is absent, atomically.
-- KEYS[1] the hash
-- ARGV[1] the field, ARGV[2] the value
-- Reply: the current value when the field was present (nothing written), or nil when the value was set
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
	return current
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return nil
