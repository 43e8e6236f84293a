-- Create a RedisSet with initial members, unless the key already exists (pottery's KeyExistsError).
-- KEYS[1] the set
-- ARGV    the members, canonical JSON
-- Reply   1 when created (nothing is written for no members), 0 when the key existed (nothing written)
if redis.call('EXISTS', KEYS[1]) == 1 then
	return 0
end
for i = 1, #ARGV, 1000 do
	redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
return 1
