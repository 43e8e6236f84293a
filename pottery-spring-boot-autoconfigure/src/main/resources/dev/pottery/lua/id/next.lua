-- NextId proposal on one master: store ARGV[1] if the stored value is missing or numerically lower (pottery's rule,
-- so Python and Java generators share one sequence), otherwise tell the caller what is stored, so that it can
-- propose again without a separate GET.
-- KEYS[1]  the counter, nextid:<key>: the last issued id as plain decimal, no TTL
-- ARGV[1]  the proposed id (plain decimal)
-- Reply    {1, previous value or '0'} when stored; {0, stored value} when the stored value is >= the proposal
--          (nothing is written).
-- Numbers compare as Lua doubles, like pottery: exact up to 2^53.
local stored = redis.call('GET', KEYS[1])
if (not stored) or tonumber(stored) < tonumber(ARGV[1]) then
	redis.call('SET', KEYS[1], ARGV[1])
	return {1, stored or '0'}
end
return {0, stored}
