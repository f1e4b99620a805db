-- A query string the feed cache has never seen on every request, so each one queries and renders (cold cache).
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?limit=50&cold=" .. n .. "-" .. math.random(1, 1000000000))
end
