-- RedisSimpleQueue.poll / drainTo: read the oldest entries and delete them in the same atomic step, so each
-- item goes to exactly one consumer. Entries without an 'item' field (not written by a queue) are deleted too.
-- KEYS[1] the stream
-- ARGV[1] the maximum number of items
-- Reply   the items (the 'item' field, canonical JSON), oldest first
local key = KEYS[1]
local wanted = tonumber(ARGV[1])
local items = {}
while #items < wanted do
	local entries = redis.call('XRANGE', key, '-', '+', 'COUNT', wanted - #items)
	if #entries == 0 then
		break
	end
	for _, entry in ipairs(entries) do
		local fields = entry[2]
		for i = 1, #fields, 2 do
			if fields[i] == 'item' then
				items[#items + 1] = fields[i + 1]
				break
			end
		end
		redis.call('XDEL', key, entry[1])
	end
end
return items
