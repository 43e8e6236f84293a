-- RedisSet.retainAll: remove every member not in ARGV, atomically.
-- KEYS[1] the set
-- ARGV    the members to keep, canonical JSON
-- Reply   the number of members removed
local keep = {}
for _, member in ipairs(ARGV) do
	keep[member] = true
end
local drop = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
	if not keep[member] then
		drop[#drop + 1] = member
	end
end
for i = 1, #drop, 1000 do
	redis.call('SREM', KEYS[1], unpack(drop, i, math.min(i + 999, #drop)))
end
return #drop
