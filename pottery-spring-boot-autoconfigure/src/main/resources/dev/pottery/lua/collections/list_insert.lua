-- RedisList.add(index, element) / addAll(index, elements): insert before the element at an index, atomically.
-- KEYS[1] the list
-- ARGV[1] the index (0 = head, not negative), ARGV[2..] the elements in order, canonical JSON
-- Reply   the new length, or -1 when the index is greater than the length (nothing written)
local key = KEYS[1]
local index = tonumber(ARGV[1])
local length = redis.call('LLEN', key)
if index > length then
	return -1
end
local count = #ARGV - 1
if count == 0 then
	return length
end
if index == length then
	for i = 2, #ARGV, 1000 do
		redis.call('RPUSH', key, unpack(ARGV, i, math.min(i + 999, #ARGV)))
	end
elseif index == 0 then
	local reversed = {}
	for i = #ARGV, 2, -1 do
		reversed[#reversed + 1] = ARGV[i]
	end
	for i = 1, #reversed, 1000 do
		redis.call('LPUSH', key, unpack(reversed, i, math.min(i + 999, #reversed)))
	end
elseif count == 1 then
	-- mark the slot with a value no canonical JSON can be, insert before the mark, put the pivot back
	local marker = '\0pottery:insert'
	local pivot = redis.call('LINDEX', key, index)
	redis.call('LSET', key, index, marker)
	redis.call('LINSERT', key, 'BEFORE', marker, ARGV[2])
	redis.call('LSET', key, index + 1, pivot)
else
	local tail = redis.call('LRANGE', key, index, -1)
	redis.call('LTRIM', key, 0, index - 1)
	for i = 2, #ARGV, 1000 do
		redis.call('RPUSH', key, unpack(ARGV, i, math.min(i + 999, #ARGV)))
	end
	for i = 1, #tail, 1000 do
		redis.call('RPUSH', key, unpack(tail, i, math.min(i + 999, #tail)))
	end
end
return length + count
