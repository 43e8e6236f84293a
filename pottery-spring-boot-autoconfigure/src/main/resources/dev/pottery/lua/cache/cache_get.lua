-- Look a call up in a RedisCache and slide the cache's timeout, in one round trip (pottery sends HGET, then EXPIRE).
--
-- KEYS[1]  the cache (a hash)
-- ARGV[1]  the field: canonical JSON of the call's argument list, for example [5] or ["EUR", 2]
-- ARGV[2]  the timeout in milliseconds, '0' for none; applied to the whole hash whether the call is cached or not
--          (a no-op when the hash does not exist)
-- Reply    the stored value (canonical JSON of the result, 'null' for a cached null), or nil when the call is not
--          cached
local value = redis.call('HGET', KEYS[1], ARGV[1])
local timeout = tonumber(ARGV[2])
if timeout > 0 then
  redis.call('PEXPIRE', KEYS[1], timeout)
end
return value
