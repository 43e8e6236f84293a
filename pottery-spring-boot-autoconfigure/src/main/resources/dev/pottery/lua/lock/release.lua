-- Redlock release on one master: delete the lock key only if it still holds our token (compare-and-delete).
-- KEYS[1]  the lock key, redlock:<key>
-- ARGV[1]  our token
-- Reply    1 when the key held our token and was deleted; 0 when it is absent or held by someone else.
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0
