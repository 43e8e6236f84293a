-- RedisList.removeRange(from, to) (subList(from, to).clear()): remove a range of indexes, atomically.
-- KEYS[1] the list
-- ARGV[1] from (inclusive), ARGV[2] to (exclusive), 0 <= from <= to
-- Reply   the number of elements removed
local key = KEYS[1]
local from = tonumber(ARGV[1])
local to = tonumber(ARGV[2])
local length = redis.call('LLEN', key)
if to > length then
	to = length
end
if from >= to then
	return 0
end
if from == 0 then
	redis.call('LTRIM', key, to, -1)
elseif to == length then
	redis.call('LTRIM', key, 0, from - 1)
else
	local tail = redis.call('LRANGE', key, to, -1)
	redis.call('LTRIM', key, 0, from - 1)
	for i = 1, #tail, 1000 do
		redis.call('RPUSH', key, unpack(tail, i, math.min(i + 999, #tail)))
	end
end
return to - from
