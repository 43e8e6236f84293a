-- Open a Bloom filter: record its parameters beside it, or return the record another client left, keeping the
-- record tied to the bits. pottery keeps m and k only in the client; this record lets a client with other parameters
-- fail instead of corrupting the filter. The record never outlives or contradicts the bits:
--   * no bits (deleted, expired, never written): any record is stale; it is replaced by the opening client's;
--   * bits set at or beyond the record's m (the filter was re-created with a larger m): the record is stale and
--     replaced;
--   * the record takes the bits' expiry (PEXPIRE with the bits' PTTL, or PERSIST when they have none).
-- Never touches the bit string.
--
-- KEYS[1]  the parameter record, '<filter key>:bloom-params' (a string)
-- KEYS[2]  the bit string, when it shares KEYS[1]'s hash slot (always on a standalone Redis); if absent, the client
--          has read the bits' state itself and passes it in ARGV[2] and ARGV[3]
-- ARGV[1]  the opening client's parameters, canonical JSON such as
--          {"false_positives": 0.01, "k": 7, "m": 959, "num_elements": 100}
-- ARGV[2]  (without KEYS[2]) the bits' PTTL: -2 absent, -1 no expiry, else milliseconds
-- ARGV[3]  (without KEYS[2]) the bits' STRLEN in bytes
-- Reply    the record now in Redis: ARGV[1] when it was written, else the existing record (left unchanged but for
--          its expiry; the client compares m and k)
local pttl
local length
if KEYS[2] then
  pttl = redis.call('PTTL', KEYS[2])
  -- a key of another type counts as present bits of length 0 (the filter's own commands then report WRONGTYPE)
  length = (redis.call('TYPE', KEYS[2])['ok'] == 'string') and redis.call('STRLEN', KEYS[2]) or 0
else
  pttl = tonumber(ARGV[2])
  length = tonumber(ARGV[3])
end
local recorded = redis.call('GET', KEYS[1])
local stale = (pttl == -2) or (not recorded)
if not stale and recorded ~= ARGV[1] then
  local ok, decoded = pcall(cjson.decode, recorded)
  if ok and type(decoded) == 'table' and type(decoded['m']) == 'number' then
    -- pottery never pre-sizes the string: it is as long as its highest set bit
    stale = length * 8 > math.ceil(decoded['m'] / 8) * 8
  end
end
if stale then
  redis.call('SET', KEYS[1], ARGV[1])
  recorded = ARGV[1]
end
if pttl > 0 then
  redis.call('PEXPIRE', KEYS[1], pttl)
else
  redis.call('PERSIST', KEYS[1])
end
return recorded
