-- Store a value in a RedisCache unless the field holds one, and slide the cache's timeout, in one round trip
-- (Spring Cache's putIfAbsent).
--
-- KEYS[1]  the cache (a hash)
-- ARGV[1]  the field: canonical JSON of the key's argument list, for example [5] or ["EUR", 2]
-- ARGV[2]  the value: canonical JSON of the result, 'null' for null
-- ARGV[3]  the timeout in milliseconds, '0' for none
-- Reply    nil if the value was stored, else the value already stored
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if not existing then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
local timeout = tonumber(ARGV[3])
if timeout > 0 then
  redis.call('PEXPIRE', KEYS[1], timeout)
end
return existing
