-- RedisSimpleQueue.poll / take / drainTo, step 1 of 2: claim the oldest entries. Each claimed entry leaves the stream
-- (so no other consumer, Java or Python, can take it) and is recorded in the claim set with a lease; the consumer
-- settles it (queue_settle.lua) once it has decoded the item and handed it over. Claims whose lease has run out (a
-- consumer that crashed or lost its connection between the two steps) go back to the stream first, as new entries at
-- its tail, so no item is lost. Entries without an 'item' field (not written by a queue) move to the dead-letter
-- stream with all their fields, plus 'pottery-source-id' and 'pottery-reason'.
-- KEYS[1] the stream, KEYS[2] the claim set (sorted set: score = lease deadline in ms, member = '<id> <item>'),
-- KEYS[3] the dead-letter stream
-- ARGV[1] the maximum number of items, ARGV[2] the lease in milliseconds
-- Reply   {recovered, dead, id1, item1, id2, item2, ...}: the number of expired claims returned to the stream, the
-- number of entries moved to the dead-letter stream, then the claimed items (canonical JSON), oldest first
local stream, claims, dead = KEYS[1], KEYS[2], KEYS[3]
local wanted = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local recovered = 0
local expired = redis.call('ZRANGEBYSCORE', claims, '-inf', now, 'LIMIT', 0, 100)
for _, member in ipairs(expired) do
	local space = string.find(member, ' ', 1, true)
	redis.call('XADD', stream, '*', 'item', string.sub(member, space + 1))
	redis.call('ZREM', claims, member)
	recovered = recovered + 1
end
local reply = { recovered, 0 }
local claimed, moved = 0, 0
local deadline = now + tonumber(ARGV[2])
while claimed < wanted do
	local entries = redis.call('XRANGE', stream, '-', '+', 'COUNT', wanted - claimed)
	if #entries == 0 then
		break
	end
	for _, entry in ipairs(entries) do
		local id, fields = entry[1], entry[2]
		local item
		for i = 1, #fields, 2 do
			if fields[i] == 'item' then
				item = fields[i + 1]
				break
			end
		end
		if item then
			redis.call('ZADD', claims, deadline, id .. ' ' .. item)
			reply[#reply + 1] = id
			reply[#reply + 1] = item
			claimed = claimed + 1
		else
			fields[#fields + 1] = 'pottery-source-id'
			fields[#fields + 1] = id
			fields[#fields + 1] = 'pottery-reason'
			fields[#fields + 1] = 'no item field'
			redis.call('XADD', dead, '*', unpack(fields))
			moved = moved + 1
		end
		redis.call('XDEL', stream, id)
	end
end
reply[2] = moved
return reply
