-- Redlock extend on one master: reset the lease to its full length if the key still holds our token.
-- KEYS[1]  the lock key, redlock:<key>
-- ARGV[1]  our token
-- ARGV[2]  the lease in milliseconds (the full autoReleaseTime: the TTL is reset, not added to)
-- Reply    1 when the lease was reset; 0 when the key is absent or held by someone else.
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
