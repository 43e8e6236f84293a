-- Redlock release on one master: delete the lock key only if it still holds our token (compare-and-delete), then
-- wake waiters: PUBLISH on the lock's release channel, {redlock:<key>}:released (KEYS[1] in braces; a channel, not
-- a key, so pottery's key layout is unchanged; Python pottery neither publishes nor listens).
-- KEYS[1]  the lock key, redlock:<key>
-- ARGV[1]  our token
-- The message is '<released token>:<subscribers>': the token lets each waiter count the releases it saw (once, though
-- every master publishes) and the releasing process tell its own release from the next holder's; the number of
-- processes subscribed to the channel lets a waiter tell how many others wait with it (see ReleaseNotifications).
-- Reply    0 when the key is absent or held by someone else (nothing is published); otherwise 1 plus the number of
--          subscribers the notification reached (waiting processes), so >= 1 means released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
	redis.call('DEL', KEYS[1])
	local channel = '{' .. KEYS[1] .. '}:released'
	local numsub = redis.pcall('PUBSUB', 'NUMSUB', channel)
	if numsub['err'] then
		-- an ACL user without +pubsub|numsub (granted before this script asked for it): publish the token alone, so
		-- waiters are still woken (without seniority) and the release still succeeds
		return 1 + redis.call('PUBLISH', channel, ARGV[1])
	end
	local subscribers = numsub[2]
	if subscribers == 0 then
		-- nobody waits (the uncontended case): nothing to publish
		return 1
	end
	return 1 + redis.call('PUBLISH', channel, ARGV[1] .. ':' .. subscribers)
end
return 0
