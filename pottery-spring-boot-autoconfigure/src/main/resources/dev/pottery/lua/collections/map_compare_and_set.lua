-- RedisMap compare-and-set, behind replace(k, old, new), remove(k, v), compute, computeIfPresent and merge:
-- change a field only if it still holds the value the caller read (byte for byte), atomically.
-- KEYS[1] the hash
-- ARGV[1] the field
-- ARGV[2] '1' if the field must hold ARGV[3], '0' if it must be absent
-- ARGV[3] the expected value (ignored when ARGV[2] is '0')
-- ARGV[4] '1' to set the field to ARGV[5], '0' to delete it
-- ARGV[5] the new value (ignored when ARGV[4] is '0')
-- Reply: 1 if the field was changed, 0 if it did not hold the expected value (nothing written)
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
	if current ~= ARGV[3] then
		return 0
	end
elseif current then
	return 0
end
if ARGV[4] == '1' then
	redis.call('HSET', KEYS[1], ARGV[1], ARGV[5])
else
	redis.call('HDEL', KEYS[1], ARGV[1])
end
return 1
