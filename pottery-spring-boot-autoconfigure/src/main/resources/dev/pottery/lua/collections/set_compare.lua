-- Compare two sets on the same server (and, on a cluster, in the same slot) in one round trip.
-- KEYS[1] the set A, KEYS[2] the set B
-- ARGV[1] 'subset' (is every member of A in B?) or 'disjoint' (do A and B share no member?)
-- Reply   1 for yes, 0 for no
local members = redis.call('SMEMBERS', KEYS[1])
local subset = ARGV[1] == 'subset'
if subset and #members > redis.call('SCARD', KEYS[2]) then
	return 0
end
for i = 1, #members, 1000 do
	local found = redis.call('SMISMEMBER', KEYS[2], unpack(members, i, math.min(i + 999, #members)))
	for _, hit in ipairs(found) do
		if subset and hit == 0 then
			return 0
		end
		if not subset and hit == 1 then
			return 0
		end
	end
end
return 1
