-- Open a Bloom filter: record its parameters beside it, or return the record another client left.
-- pottery keeps m and k only in the client; this record lets a client with other parameters fail instead of
-- corrupting the filter. Touches only the record, never the bit string.
--
-- KEYS[1]  the parameter record, '<filter key>:bloom-params' (a string)
-- ARGV[1]  the opening client's parameters, canonical JSON such as
--          {"false_positives": 0.01, "k": 7, "m": 959, "num_elements": 100}
-- Reply    the record now in Redis: ARGV[1] when there was none (it has been written), else the existing record
--          (left unchanged; the client compares m and k)
local recorded = redis.call('GET', KEYS[1])
if recorded then
  return recorded
end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
