-- wrk script: counts non-2xx responses and prints the results as one JSON line.
-- wrk itself only counts status >= 400 as errors; redirects must fail a benchmark too.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local function ms(microseconds)
    return microseconds / 1000
  end
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.2f,"bytes":%d,"non2xx":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_ms":{"mean":%.3f,"max":%.3f,"p50":%.3f,"p90":%.3f,"p95":%.3f,"p99":%.3f}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes, non2xx_total,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    ms(latency.mean), ms(latency.max), ms(latency:percentile(50)), ms(latency:percentile(90)),
    ms(latency:percentile(95)), ms(latency:percentile(99))
  ))
end
