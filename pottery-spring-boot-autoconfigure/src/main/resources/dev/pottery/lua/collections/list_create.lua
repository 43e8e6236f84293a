-- Create a RedisList or RedisDeque with initial elements, unless the key already exists (KeyExistsError).
-- KEYS[1] the list
-- ARGV    the elements, canonical JSON, head first
-- Reply   1 when created (nothing is written for no elements), 0 when the key existed (nothing written)
if redis.call('EXISTS', KEYS[1]) == 1 then
	return 0
end
for i = 1, #ARGV, 1000 do
	redis.call('RPUSH', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
return 1
