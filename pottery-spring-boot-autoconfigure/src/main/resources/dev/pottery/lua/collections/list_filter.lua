-- RedisList.removeAll / retainAll: keep or drop the elements equal to given ones, atomically, order kept.
-- KEYS[1] the list
-- ARGV[1] 'remove' (drop the given elements) or 'retain' (keep only them); ARGV[2..] the elements, canonical JSON
-- Reply   the number of elements removed
local key = KEYS[1]
local retain = ARGV[1] == 'retain'
local given = {}
for i = 2, #ARGV do
	given[ARGV[i]] = true
end
local all = redis.call('LRANGE', key, 0, -1)
local kept = {}
for _, element in ipairs(all) do
	if (given[element] == true) == retain then
		kept[#kept + 1] = element
	end
end
if #kept == #all then
	return 0
end
redis.call('DEL', key)
for i = 1, #kept, 1000 do
	redis.call('RPUSH', key, unpack(kept, i, math.min(i + 999, #kept)))
end
return #all - #kept
