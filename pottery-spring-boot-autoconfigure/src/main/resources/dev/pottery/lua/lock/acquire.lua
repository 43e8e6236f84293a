-- Redlock acquire on one master: pottery's SET NX PX, plus a read of the fencing counter in the same atomic step.
-- KEYS[1]  the lock key, redlock:<key> (pottery's key and value format, so Python pottery clients are excluded too)
-- KEYS[2]  the fencing counter, {redlock:<key>}:fence (plain decimal; absent means 0; pottery never touches it)
-- ARGV[1]  our token (a random UUID4 string, new for every attempt)
-- ARGV[2]  the lease in milliseconds (truncated autoReleaseTime)
-- Reply    the fencing counter c (>= 0) when the lock key was set to our token with a PX lease; -1 - c when the lock
--          is held by anyone (ourselves included), so that a refusing master still reports its counter.
-- Errors   'POTTERY_BADFENCE <value>' when the counter is not a decimal integer (nothing is written), and
--          'POTTERY_WRONGTYPE <type>' when the lock key holds another Redis type than a string.
local stored = redis.call('GET', KEYS[2])
local counter = 0
if stored then
	counter = tonumber(stored)
	if (not counter) or counter < 0 or counter ~= math.floor(counter) then
		return redis.error_reply('POTTERY_BADFENCE ' .. string.sub(stored, 1, 40))
	end
end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
	return counter
end
local kind = redis.call('TYPE', KEYS[1])['ok']
if kind ~= 'string' and kind ~= 'none' then
	return redis.error_reply('POTTERY_WRONGTYPE ' .. kind)
end
return -1 - counter
