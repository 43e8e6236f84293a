-- RedisDeque.rotate(n): rotate n steps to the right (n < 0: to the left), like Python's deque.rotate, atomically.
-- KEYS[1] the list
-- ARGV[1] n
-- Reply   the length
local key = KEYS[1]
local length = redis.call('LLEN', key)
if length <= 1 then
	return length
end
local n = tonumber(ARGV[1]) % length
if n == 0 then
	return length
end
if n <= length - n then
	-- move the last n elements to the head
	local moved = redis.call('LRANGE', key, -n, -1)
	redis.call('LTRIM', key, 0, length - n - 1)
	local reversed = {}
	for i = #moved, 1, -1 do
		reversed[#reversed + 1] = moved[i]
	end
	for i = 1, #reversed, 1000 do
		redis.call('LPUSH', key, unpack(reversed, i, math.min(i + 999, #reversed)))
	end
else
	-- move the first length - n elements to the tail
	local m = length - n
	local moved = redis.call('LRANGE', key, 0, m - 1)
	redis.call('LTRIM', key, m, -1)
	for i = 1, #moved, 1000 do
		redis.call('RPUSH', key, unpack(moved, i, math.min(i + 999, #moved)))
	end
end
return length
