/**
 * The whole of one `increment` as one Lua script, so that several app instances sharing the cluster
 * see one atomic decision per request. It replays @nestjs/throttler 6's in-memory
 * `ThrottlerStorageService.increment` step by step; times come from the server's clock (TIME), never
 * from an app's, so instances with skewed clocks still agree.
 *
 * KEYS[1] the record (hash: expiresAt, blockExpiresAt, isBlocked, seq, keepUntil), shared by every throttler
 *         name on that key, as the in-memory record is;
 * KEYS[2] this throttler name's hits (sorted set: member = a sequence number, score = when that hit
 *         stops counting, in ms), the in-memory per-hit expiry list.
 * ARGV    ttl, limit, blockDuration (ms, as the guard passes them).
 * Returns {totalHits, timeToExpire, isBlocked (0/1), timeToBlockExpire}, times in whole seconds.
 */
export const THROTTLER_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockDuration = tonumber(ARGV[3])

local rec = redis.call('HMGET', KEYS[1], 'expiresAt', 'blockExpiresAt', 'isBlocked', 'seq', 'keepUntil')
local expiresAt = tonumber(rec[1]) or (now + ttl)
local blockExpiresAt = tonumber(rec[2]) or 0
local blocked = rec[3] == '1'
local seq = tonumber(rec[4]) or 0
local keptUntil = tonumber(rec[5]) or 0

-- Hits older than ttl no longer count (the in-memory storage prunes them the same way).
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local hits = redis.call('ZCARD', KEYS[2])

local function seconds(ms) return math.ceil(ms / 1000) end
local function fire()
  seq = seq + 1
  redis.call('ZADD', KEYS[2], now + ttl, string.format('%.0f', seq))
  hits = hits + 1
end

local timeToExpire = seconds(expiresAt - now)
if timeToExpire <= 0 then
  expiresAt = now + ttl
  timeToExpire = seconds(expiresAt - now)
end

local counted, isBlocked, timeToBlockExpire
if blockDuration <= 0 then
  -- No block: a request over the limit is refused but neither counted nor remembered.
  isBlocked = hits >= limit
  if not isBlocked then fire() end
  counted = hits
  timeToBlockExpire = 0
  if isBlocked then
    counted = hits + 1
    if hits > 0 then
      local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
      timeToBlockExpire = seconds(tonumber(first[2]) - now)
    else
      timeToBlockExpire = timeToExpire
    end
  end
else
  -- While blocked, requests are not counted; the hits already counted still age out.
  if not blocked then fire() end
  if hits > limit and not blocked then
    blocked = true
    blockExpiresAt = now + blockDuration
  end
  timeToBlockExpire = seconds(blockExpiresAt - now)
  if timeToBlockExpire <= 0 and blocked then
    blocked = false
    redis.call('DEL', KEYS[2])
    hits = 0
    fire()
  end
  counted = hits
  isBlocked = blocked
end

-- The record lives exactly as long as the in-memory sweep would keep it: while its window is open,
-- its block runs, or any hit still counts. Another name's hits may need it longer: never shorten.
-- (Kept in a field rather than read back with PEXPIRETIME, which Redis 6 lacks.)
local keepUntil = expiresAt
if blocked and blockExpiresAt > keepUntil then keepUntil = blockExpiresAt end
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
if last[2] ~= nil then
  local lastHit = math.ceil(tonumber(last[2]))
  redis.call('PEXPIREAT', KEYS[2], string.format('%.0f', lastHit))
  if lastHit > keepUntil then keepUntil = lastHit end
end
if keptUntil > keepUntil then keepUntil = keptUntil end
keepUntil = math.ceil(keepUntil)

redis.call('HSET', KEYS[1], 'expiresAt', string.format('%.0f', expiresAt),
  'blockExpiresAt', string.format('%.0f', blockExpiresAt), 'isBlocked', blocked and '1' or '0',
  'seq', string.format('%.0f', seq), 'keepUntil', string.format('%.0f', keepUntil))
redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', keepUntil))

return {counted, timeToExpire, isBlocked and 1 or 0, timeToBlockExpire}
`;
