-- Push to a bounded RedisDeque and discard from the other end beyond maxLength, atomically (Python's deque).
-- KEYS[1] the list
-- ARGV[1] 'left' (LPUSH, discards from the tail) or 'right' (RPUSH, discards from the head)
-- ARGV[2] maxLength (>= 0); ARGV[3..] the elements in push order, canonical JSON
-- Reply   the length after the push
local key = KEYS[1]
local max = tonumber(ARGV[2])
if max == 0 then
	return redis.call('LLEN', key)
end
local command = (ARGV[1] == 'left') and 'LPUSH' or 'RPUSH'
for i = 3, #ARGV, 1000 do
	redis.call(command, key, unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
if ARGV[1] == 'left' then
	redis.call('LTRIM', key, 0, max - 1)
else
	redis.call('LTRIM', key, -max, -1)
end
return redis.call('LLEN', key)
