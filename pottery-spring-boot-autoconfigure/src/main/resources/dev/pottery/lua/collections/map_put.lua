-- RedisMap.put: set a field and return its previous value, atomically.
-- KEYS[1] the hash
-- ARGV[1] the field (canonical JSON of the key), ARGV[2] the value (canonical JSON)
-- Reply: the previous value, or nil when the field was absent
local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return previous
