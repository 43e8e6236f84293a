-- Redlock remaining lease on one master (pottery's locked()).
-- KEYS[1]  the lock key, redlock:<key>
-- ARGV[1]  our token
-- Reply    the key's PTTL in milliseconds when it holds our token and has a positive TTL; otherwise 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
	local ttl = redis.call('PTTL', KEYS[1])
	if ttl > 0 then
		return ttl
	end
end
return 0
