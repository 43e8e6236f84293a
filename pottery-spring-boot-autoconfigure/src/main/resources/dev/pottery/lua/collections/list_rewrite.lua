-- RedisList.replaceAll / sort: write every element anew, atomically, if the list still holds what the client read
-- (optimistic: the client reads, computes, and retries when another writer changed the list in between).
-- KEYS[1] the list
-- ARGV[1] how many elements the client read
-- ARGV[2] the SHA-1 (lowercase hex) of what it read: for each element, its length in bytes (decimal), ':', its bytes
-- ARGV[3..] the new elements, canonical JSON, one per element read
-- Reply   1 when rewritten (a TTL on the list is kept); 0 when the list changed since it was read (nothing written)
local current = redis.call('LRANGE', KEYS[1], 0, -1)
if #current ~= tonumber(ARGV[1]) then
	return 0
end
local parts = {}
for i, element in ipairs(current) do
	parts[i] = #element .. ':' .. element
end
if redis.sha1hex(table.concat(parts)) ~= ARGV[2] then
	return 0
end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
for first = 3, #ARGV, 1000 do
	redis.call('RPUSH', KEYS[1], unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
if ttl > 0 then
	redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
