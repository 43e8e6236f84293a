-- RedisList.set(index, element): replace the element at an index and return the old one, atomically.
-- KEYS[1] the list
-- ARGV[1] the index (0 = head, not negative), ARGV[2] the new element, canonical JSON
-- Reply   {old element}, or {} when the index is out of range (nothing written)
local old = redis.call('LINDEX', KEYS[1], ARGV[1])
if not old then
	return {}
end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[2])
return {old}
