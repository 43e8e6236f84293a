-- RedisSimpleQueue, step 2 of 2 (see queue_claim.lua): settle claims, each only if it is still this consumer's (its
-- lease has not run out and been recovered by another consumer).
-- KEYS[1] the stream, KEYS[2] the claim set, KEYS[3] the dead-letter stream
-- ARGV[1] 'ack' (the item was handed over: forget the claim), 'release' (not handed over: back to the stream's tail)
-- or 'dead' (undecodable: to the dead-letter stream with 'pottery-source-id' and 'pottery-reason'); ARGV[2] the reason
-- for 'dead'; ARGV[3..] the claim members '<id> <item>'
-- Reply   one integer per member: 1 if it was still claimed (and is now settled), 0 if not
local stream, claims, dead = KEYS[1], KEYS[2], KEYS[3]
local mode = ARGV[1]
local reply = {}
for i = 3, #ARGV do
	local member = ARGV[i]
	local mine = redis.call('ZREM', claims, member)
	if mine == 1 and mode ~= 'ack' then
		local space = string.find(member, ' ', 1, true)
		local item = string.sub(member, space + 1)
		if mode == 'release' then
			redis.call('XADD', stream, '*', 'item', item)
		else
			redis.call('XADD', dead, '*', 'item', item, 'pottery-source-id', string.sub(member, 1, space - 1),
				'pottery-reason', ARGV[2])
		end
	end
	reply[#reply + 1] = mine
end
return reply
