-- Replace a set with the given members (the client-side fallback of RedisSet's ...Store algebra).
-- KEYS[1] the destination set
-- ARGV    the members, canonical JSON
-- Reply   the number of members stored
redis.call('DEL', KEYS[1])
for i = 1, #ARGV, 1000 do
	redis.call('SADD', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
return #ARGV
