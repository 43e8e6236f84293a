-- RedisCounter's in-place arithmetic, Python's Counter += -= |= &=, atomically: combine the counts, then keep only
-- the positive ones (fields whose result is zero or negative are deleted), as Python's _keep_positive does. Counts
-- are compared as decimal strings, so 64-bit values stay exact (Lua numbers are doubles).
-- KEYS[1] the hash
-- ARGV[1] 'add', 'subtract', 'union' (max) or 'intersection' (min)
-- ARGV[2..] field1, count1, field2, count2, ... (the other counter; each field once; counts in decimal)
-- Reply: the number of fields left; an error reply naming the field if a count is not a 64-bit integer (nothing is
--        changed then) or an addition overflows (the fields already changed get their previous bytes back)
local mode = ARGV[1]

local function integer(text)
  return text and string.match(text, '^%-?%d+$') ~= nil
end

-- -1, 0 or 1 as a < b, a == b, a > b, for decimal integers without leading zeros
local function compare(a, b)
  local negativeA = string.sub(a, 1, 1) == '-'
  local negativeB = string.sub(b, 1, 1) == '-'
  if negativeA ~= negativeB then
    return negativeA and -1 or 1
  end
  local x = negativeA and string.sub(a, 2) or a
  local y = negativeB and string.sub(b, 2) or b
  local result
  if #x ~= #y then
    result = (#x < #y) and -1 or 1
  elseif x == y then
    result = 0
  else
    result = (x < y) and -1 or 1
  end
  return negativeA and -result or result
end

local given = {}
for i = 2, #ARGV, 2 do
  given[ARGV[i]] = ARGV[i + 1]
end

if mode == 'add' or mode == 'subtract' then
  local previous = {}
  for i = 2, #ARGV, 2 do
    local delta = ARGV[i + 1]
    if mode == 'subtract' then
      if string.sub(delta, 1, 1) == '-' then
        delta = string.sub(delta, 2)
      elseif delta ~= '0' then
        delta = '-' .. delta
      end
    end
    previous[i] = redis.call('HGET', KEYS[1], ARGV[i])
    local result = redis.pcall('HINCRBY', KEYS[1], ARGV[i], delta)
    if type(result) == 'table' and result.err then
      for j = 2, i - 2, 2 do
        if previous[j] then
          redis.call('HSET', KEYS[1], ARGV[j], previous[j])
        else
          redis.call('HDEL', KEYS[1], ARGV[j])
        end
      end
      return redis.error_reply(result.err .. ' (field ' .. ARGV[i] .. ')')
    end
  end
else
  local all = redis.call('HGETALL', KEYS[1])
  local changes = {}
  if mode == 'union' then
    for field, count in pairs(given) do
      local current = redis.call('HGET', KEYS[1], field)
      if current and not integer(current) then
        return redis.error_reply('ERR hash value is not an integer (field ' .. field .. ')')
      end
      if compare(count, current or '0') > 0 then
        changes[#changes + 1] = field
        changes[#changes + 1] = count
      end
    end
  else
    for i = 1, #all, 2 do
      local field, current = all[i], all[i + 1]
      if not integer(current) then
        return redis.error_reply('ERR hash value is not an integer (field ' .. field .. ')')
      end
      local theirs = given[field] or '0'
      if compare(theirs, current) < 0 then
        changes[#changes + 1] = field
        changes[#changes + 1] = theirs
      end
    end
  end
  for i = 1, #changes, 2 do
    redis.call('HSET', KEYS[1], changes[i], changes[i + 1])
  end
end

-- keep the positive counts only
local left = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local count = all[i + 1]
  if integer(count) and (count == '0' or string.sub(count, 1, 1) == '-') then
    redis.call('HDEL', KEYS[1], all[i])
  else
    left = left + 1
  end
end
return left
