-- Redlock holder on one master, for isLocked() and the holder's remaining lease (any owner, also Python pottery's).
-- KEYS[1]  the lock key, redlock:<key>
-- Reply    {token, PTTL in milliseconds} when the key exists; {'', 0} when it does not.
local token = redis.call('GET', KEYS[1])
if not token then
	return {'', 0}
end
return {token, redis.call('PTTL', KEYS[1])}
