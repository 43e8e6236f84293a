-- One window of a RedisSimpleQueue iterator or peek: the entries after an id, without removing them.
-- KEYS[1] the stream
-- ARGV[1] the start ('-' for the oldest, '(' .. id for after an id), ARGV[2] COUNT
-- Reply   {id1, item1, id2, item2, ...}; entries without an 'item' field are skipped
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
local reply = {}
for _, entry in ipairs(entries) do
	local fields = entry[2]
	for i = 1, #fields, 2 do
		if fields[i] == 'item' then
			reply[#reply + 1] = entry[1]
			reply[#reply + 1] = fields[i + 1]
			break
		end
	end
end
return reply
