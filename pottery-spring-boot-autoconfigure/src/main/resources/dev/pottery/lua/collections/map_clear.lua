-- RedisMap.clear and RedisCounter.clear: UNLINK the key, as pottery does, but only if it holds a hash, so that
-- clearing a map opened on another structure's key never destroys that structure.
-- KEYS[1] the hash
-- Reply: 1 if the key was removed, 0 if it did not exist; a WRONGTYPE error if it holds another type
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then
	return 0
end
if kind ~= 'hash' then
	return redis.error_reply('WRONGTYPE Operation against a key holding the wrong kind of value')
end
return redis.call('UNLINK', KEYS[1])
