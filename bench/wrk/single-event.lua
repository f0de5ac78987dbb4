-- wrk script for ingest's single-event endpoint: a unique ~500-byte event per request, the producer key from
-- TG_PRODUCER_KEY; done() prints one RESULT line the system benchmark parses.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  table.insert(threads, thread)
  next_id = next_id + 1
end

function init(args)
  prefix = "wrk-" .. os.time() .. "-" .. id .. "-"
  counter = 0
  wrk.method = "POST"
  wrk.path = "/v1/events"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TG_PRODUCER_KEY")
  padding = string.rep("x", 117)
  observed = os.date("!%Y-%m-%dT%H:%M:%SZ")
end

function request()
  counter = counter + 1
  local eventId = prefix .. counter
  local body = '{"eventId":"' .. eventId .. '","observedAt":"' .. observed .. '","owner":"bench",'
    .. '"consumer":"licensed-co","channel":"api","resource":{"kind":"posts","uri":'
    .. '"https://api.bench.example/2/posts/search?q=' .. padding .. '"},"purpose":"analytics",'
    .. '"volume":{"records":1},"evidence":{"apiClientId":"bench-client","clientIp":"198.51.100.7",'
    .. '"requestId":"r-' .. eventId .. '","identity":"claimed"}}'
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %.3f %.3f\n", summary.requests, summary.duration, failed,
    latency:percentile(50) / 1000.0, latency:percentile(99) / 1000.0))
end
