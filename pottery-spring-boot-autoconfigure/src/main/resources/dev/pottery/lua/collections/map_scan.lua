-- One HSCAN step, for connection factories whose native client is not Lettuce (Lettuce runs HSCAN directly).
-- KEYS[1] the hash
-- ARGV[1] the cursor ('0' to start), ARGV[2] the COUNT hint
-- Reply: { next cursor ('0' when done), { field1, value1, field2, value2, ... } }
return redis.call('HSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
