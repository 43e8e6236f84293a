-- Redlock fencing token write-back on one master, the second round trip of an acquisition with fencing tokens.
-- KEYS[1]  the lock key, redlock:<key>
-- KEYS[2]  the fencing counter, {redlock:<key>}:fence
-- ARGV[1]  our token
-- ARGV[2]  the proposed fencing token t (plain decimal), above every counter the acquisition has heard of
-- Reply    0 when we hold the lock here and the counter was below t: it now is t (the master accepts t);
--          c (>= t, so >= 1) when we hold the lock here but the counter c is already at or above t: nothing is
--          written, the client must propose above c;
--          -1 - c when the lock key does not hold our token: the counter (c before this call) is raised to t if it was
--          lower, so that a master that missed the lock (busy, restarted empty) is still brought up to the token.
-- Errors   'POTTERY_BADFENCE <value>' when the counter is not a decimal integer (nothing is written).
-- A counter is only ever raised, never lowered.
local stored = redis.call('GET', KEYS[2])
local current = 0
if stored then
	current = tonumber(stored)
	if (not current) or current < 0 or current ~= math.floor(current) then
		return redis.error_reply('POTTERY_BADFENCE ' .. string.sub(stored, 1, 40))
	end
end
local proposed = tonumber(ARGV[2])
local held = redis.call('GET', KEYS[1]) == ARGV[1]
if current < proposed then
	redis.call('SET', KEYS[2], ARGV[2])
	if held then
		return 0
	end
end
if held then
	return current
end
return -1 - current
