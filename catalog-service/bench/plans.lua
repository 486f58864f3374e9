-- POST /api/catalog/plans with a different seed per request (what the scheduler sends for each due break).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local seed = 0

request = function()
  seed = seed + 1
  local body = string.format(
    '{"position":"seated","equipment":["chair"],"minSeconds":60,"maxSeconds":120,' ..
    '"focusRegions":["neck","shoulders"],"avoid":["knee-to-chest"],"recent":["shoulder-rolls","shoulder-shrug"],"seed":%d}',
    seed)
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx responses: %d\n", summary.errors.status))
end
