-- RedisCounter.update and subtract: add a delta to each field with HINCRBY, all or nothing: if one increment fails
-- (the field holds something that is not a 64-bit integer, or the result would overflow), the fields already changed
-- get their previous bytes back and the error is returned, so the counter is never left half updated.
-- KEYS[1] the hash
-- ARGV field1, delta1, field2, delta2, ... (each field at most once; deltas in decimal)
-- Reply: the number of fields changed; an error reply naming the field if one increment failed
local previous = {}
for i = 1, #ARGV, 2 do
	previous[i] = redis.call('HGET', KEYS[1], ARGV[i])
	local result = redis.pcall('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
	if type(result) == 'table' and result.err then
		for j = 1, i - 2, 2 do
			if previous[j] then
				redis.call('HSET', KEYS[1], ARGV[j], previous[j])
			else
				redis.call('HDEL', KEYS[1], ARGV[j])
			end
		end
		return redis.error_reply(result.err .. ' (field ' .. ARGV[i] .. ')')
	end
end
return #ARGV / 2
