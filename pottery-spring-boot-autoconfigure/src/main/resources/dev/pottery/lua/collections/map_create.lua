-- RedisMap and RedisCounter created with initial contents: write all fields only if the key does not exist yet,
-- atomically (pottery: WATCH, EXISTS, MULTI, HSET, EXEC).
-- KEYS[1] the hash
-- ARGV field1, value1, field2, value2, ... (possibly none)
-- Reply: 1 if the key was free (and the fields written), 0 if the key exists (of any type; nothing written)
if redis.call('EXISTS', KEYS[1]) == 1 then
	return 0
end
local chunk = 1000 -- arguments per HSET: an even number, well below Lua's unpack limit
for i = 1, #ARGV, chunk do
	redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + chunk - 1, #ARGV)))
end
return 1
