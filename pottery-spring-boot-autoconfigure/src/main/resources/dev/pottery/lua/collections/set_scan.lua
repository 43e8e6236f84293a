-- One SSCAN step of a RedisSet iterator (a script so that no connection is held between batches).
-- KEYS[1] the set
-- ARGV[1] the cursor ('0' to start), ARGV[2] the COUNT hint
-- Reply   {next cursor, {members...}}; the next cursor is '0' when the scan is complete
return redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
