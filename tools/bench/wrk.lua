-- wrk script shared by tools/bench/serve and tools/bench/compare:
--   wrk -s tools/bench/wrk.lua URL -- rotate PREFIX QUERIES   (PREFIX .. urlencoded query, in turn)
--   wrk -s tools/bench/wrk.lua URL -- fixed PATH
--   wrk -s tools/bench/wrk.lua URL -- mixed QUERIES GUIDE FILE
-- Each thread starts at a different place in the list; done() prints one KCRESULT line
-- (tools/bench/lib.sh: wrk_parse).
local paths, n, i = {}, 0, 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local function lines(file)
  local t = {}
  for line in io.lines(file) do
    if #line > 0 then t[#t + 1] = urlencode(line) end
  end
  return t
end
function init(args)
  local mode = args[1]
  if mode == "rotate" then
    for _, q in ipairs(lines(args[3])) do paths[#paths + 1] = args[2] .. q end
  elseif mode == "fixed" then
    paths[1] = args[2]
  elseif mode == "mixed" then
    for k, q in ipairs(lines(args[2])) do
      paths[#paths + 1] = "/api/search?q=" .. q
      paths[#paths + 1] = "/search?q=" .. q
      paths[#paths + 1] = args[3]
      if k % 4 == 0 then paths[#paths + 1] = args[4] end
    end
  end
  n = #paths
  i = (((tid or 1) - 1) * 7919) % n
end
function request()
  i = i % n + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "KCRESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d status=%d bytes=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status, summary.bytes))
end
