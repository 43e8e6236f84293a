-- Store a call's result in a RedisCache and slide the cache's timeout, in one round trip.
--
-- KEYS[1]  the cache (a hash)
-- ARGV[1]  the field: canonical JSON of the call's argument list, for example [5] or ["EUR", 2]
-- ARGV[2]  the value: canonical JSON of the result, 'null' for null
-- ARGV[3]  the timeout in milliseconds, '0' for none
-- Reply    1 if the field is new, 0 if it replaced a value
local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local timeout = tonumber(ARGV[3])
if timeout > 0 then
  redis.call('PEXPIRE', KEYS[1], timeout)
end
return added
