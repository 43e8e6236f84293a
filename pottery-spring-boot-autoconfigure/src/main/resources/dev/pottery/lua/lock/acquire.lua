-- Redlock acquire on one master: pottery's SET NX PX, plus a read of the fencing counter in the same atomic step.
-- KEYS[1]  the lock key, redlock:<key> (pottery's key and value format, so Python pottery clients are excluded too)
-- KEYS[2]  the fencing counter, {redlock:<key>}:fence (plain decimal; absent means 0; pottery never touches it)
-- ARGV[1]  our token (a random UUID4 string, new for every attempt)
-- ARGV[2]  the lease in milliseconds (truncated autoReleaseTime)
-- Reply    -1 when the lock is held by anyone (ourselves included); otherwise the fencing counter (>= 0) read while
--          setting the lock key to our token with a PX lease.
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
	return tonumber(redis.call('GET', KEYS[2]) or '0')
end
return -1
