-- Token buckets of the widget rate limits, shared by every gateway replica (gateway-service RateLimitBuckets).
--
-- Each bucket is kept as one number, its theoretical arrival time (GCRA) in milliseconds of the Redis clock: a
-- bucket of `capacity` tokens that regains one token every `interval` ms allows a request at `now` when
-- tat - interval * (capacity - 1) <= now. Missing keys are full buckets; keys expire when their bucket is full again.
--
-- KEYS[i]         the bucket keys, ratelimit:<scope>:<id>
-- ARGV[2i-1]      interval of bucket i, ms per token (integer >= 1)
-- ARGV[2i]        capacity of bucket i, tokens (integer >= 1)
-- Takes one token from every bucket or from none (all or nothing, atomically).
-- Returns 0 when the tokens were taken, else the ms until every bucket would allow the request.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local tats = {}
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[2 * i - 1])
  local capacity = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', key) or now) or now
  if tat < now then
    tat = now
  end
  local allowAt = tat - interval * (capacity - 1)
  if allowAt > now and allowAt - now > wait then
    wait = allowAt - now
  end
  tats[i] = tat
end
if wait > 0 then
  return wait
end
for i, key in ipairs(KEYS) do
  local tat = tats[i] + tonumber(ARGV[2 * i - 1])
  redis.call('SET', key, string.format('%.0f', tat), 'PX', string.format('%.0f', tat - now))
end
return 0
