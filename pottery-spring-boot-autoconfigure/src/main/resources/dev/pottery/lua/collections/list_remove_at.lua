-- Remove the element at an index of a RedisList or RedisDeque (and its iterators), atomically.
-- KEYS[1] the list
-- ARGV[1] the index (negative counts from the tail, -1 = last)
-- ARGV[2] 'any': remove whatever is there;
--         'expect': remove only if the element there is ARGV[3];
--         'expect-or-value': as 'expect', else remove the first occurrence of ARGV[3] (a deque iterator whose
--         element moved because of a concurrent push or pop)
-- ARGV[3] the expected element, canonical JSON (modes 'expect' and 'expect-or-value')
-- Reply   {removed element}, or {} when nothing was removed
local key = KEYS[1]
local index = tonumber(ARGV[1])
local old = redis.call('LINDEX', key, index)
if ARGV[2] ~= 'any' and old ~= ARGV[3] then
	if ARGV[2] == 'expect-or-value' and redis.call('LREM', key, 1, ARGV[3]) == 1 then
		return {ARGV[3]}
	end
	return {}
end
if not old then
	return {}
end
-- Redis removes by value: mark the slot with a value no canonical JSON can be, then remove the mark
local marker = '\0pottery:remove'
redis.call('LSET', key, index, marker)
redis.call('LREM', key, (index < 0) and -1 or 1, marker)
return {old}
