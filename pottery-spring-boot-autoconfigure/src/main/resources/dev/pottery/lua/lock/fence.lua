-- Redlock fencing token write-back on one master, the second round trip of an acquisition with fencing tokens.
-- KEYS[1]  the lock key, redlock:<key>
-- KEYS[2]  the fencing counter, {redlock:<key>}:fence
-- ARGV[1]  our token
-- ARGV[2]  the fencing token handed out: the largest counter a majority returned from acquire.lua, plus one
--          (plain decimal)
-- Reply    1 when we still hold the lock here and the counter now is >= ARGV[2] (raised if lower, never lowered);
--          0 when the lock key no longer holds our token (then nothing is written).
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 0
end
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if current < tonumber(ARGV[2]) then
	redis.call('SET', KEYS[2], ARGV[2])
end
return 1
