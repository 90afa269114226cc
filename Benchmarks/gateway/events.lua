-- wrk script of the gateway benchmark (scripts/bench-gateway.sh): POSTs status reports to
-- /v1/events, every event with an id of its own, so that the gateway publishes each one (a
-- repeated id would be answered from its ledger instead).
--   BENCH_EVENT_FILE  the event's JSON (one status report)
--   BENCH_TOKEN       the bearer token
--   BENCH_BATCH       1: binary mode, one event per request; N > 1: a CloudEvents batch of N
--   BENCH_RUN         a prefix that makes this run's ids unique
local file = assert(io.open(os.getenv("BENCH_EVENT_FILE"), "rb"))
local event = file:read("*a"):gsub("%s+$", "")
file:close()
local token = os.getenv("BENCH_TOKEN")
local batch = tonumber(os.getenv("BENCH_BATCH") or "1")
local run = os.getenv("BENCH_RUN") or "run"
local threads = {}
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = thread_id or 0
end

function request()
  counter = counter + 1
  local prefix = run .. "-" .. thread_id .. "-" .. counter
  if batch == 1 then
    return wrk.format("POST", "/v1/events", {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
      ["ce-specversion"] = "1.0",
      ["ce-id"] = prefix,
      ["ce-source"] = "/bench/gateway",
      ["ce-type"] = "pmo.status.reported.v1",
    }, event)
  end
  local parts = {}
  for i = 1, batch do
    parts[i] = '{"specversion":"1.0","id":"' .. prefix .. "-" .. i
      .. '","source":"/bench/gateway","type":"pmo.status.reported.v1","data":' .. event .. "}"
  end
  return wrk.format("POST", "/v1/events", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/cloudevents-batch+json",
  }, "[" .. table.concat(parts, ",") .. "]")
end

function done(summary, latency, requests)
  local refused = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("requests=%d\nseconds=%.3f\nrefused=%d\np50_ms=%.1f\np99_ms=%.1f\n",
    summary.requests, summary.duration / 1e6, refused,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
