-- graphconform bench's script for wrk (https://github.com/wg/wrk), run by loadbench.Wrk.
--
-- wrk runs with as many threads as connections, so that each thread's Lua state is one worker with
-- one connection and one exchange in flight: it sends the operation, polls a 202's Location once
-- before it sends the operation again (as a conforming client does), and times each whole iteration
-- itself. A worker loads unmeasured for the warm-up, then measures until the duration or its cap of
-- iterations, and stops itself after a whole iteration, so that no update is left unpolled; wrk's own
-- duration is only the outer bound. An iteration fails when its whole answer takes longer than the
-- request timeout, when its connection breaks (wrk reconnects and asks for a new request), or when
-- it is still unanswered as wrk's run ends. Its settings come from the environment
-- (GRAPHCONFORM_WRK_*). done writes every worker's counts and latencies to GRAPHCONFORM_WRK_OUT for
-- the bench to read.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } graphconform_timespec;
int clock_gettime(int clock, graphconform_timespec *ts);
]]
local clock = ffi.new("graphconform_timespec")
local CLOCK_MONOTONIC = 1

-- now is the monotonic clock in microseconds, comparable across the threads' Lua states.
local function now()
   ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
   return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

-- In the main state: the workers, numbered in the order wrk sets their threads up.
local workers = {}

function setup(thread)
   workers[#workers + 1] = thread
   thread:set("worker", #workers)
   thread:set("start", now())
end

-- In each thread's state: what it sends and what it saw. The globals are read by done.
local body, root, host, cap, stop_at, timeout
local headers, poll_headers = {}, {}
local location, polling, stopped, verified
iterations, ok, failed, problem, last, measure_from = 0, 0, 0, nil, nil, nil
-- began is when the iteration under way was sent, while inflight says one is.
method, path, began, inflight = nil, nil, nil, false
latencies = {}

local function setting(name)
   local value = os.getenv("GRAPHCONFORM_WRK_" .. name)
   if value == nil then
      error("graphconform bench's wrk script needs GRAPHCONFORM_WRK_" .. name)
   end
   return value
end

function init(args)
   method, body, root, host = setting("METHOD"), setting("BODY"), setting("ROOT"), setting("HOST")
   path = setting("PATH_" .. worker)
   cap = tonumber(setting("CAP_" .. worker))
   timeout = tonumber(setting("TIMEOUT_US"))
   -- wrk calls the first thread's request once before its run, only to parse what it returns.
   verified = worker ~= 1
   measure_from = start + tonumber(setting("WARMUP_US"))
   stop_at = measure_from + tonumber(setting("DURATION_US"))
   local token = setting("TOKEN")
   if token ~= "" then
      headers["Authorization"] = "Bearer " .. token
      poll_headers["Authorization"] = "Bearer " .. token
   end
   if body == "" then
      body = nil
   else
      headers["Content-Type"] = "application/json"
   end
end

-- finish is defined below; request calls it for an iteration its broken connection lost.
local finish

function request()
   if not verified then
      verified = true
      return wrk.format(method, path, headers, body)
   end
   if location then
      local target = location
      location, polling = nil, true
      return wrk.format("GET", target, poll_headers)
   end
   if inflight then
      -- wrk asks for a new request while an iteration is under way: its connection broke, and wrk
      -- reconnected.
      finish(nil, method .. " " .. path .. ": the connection broke before the whole answer")
   end
   -- A request wrk asks for after the thread stopped is sent, but its answer is never read.
   polling, began, inflight = false, now(), not stopped
   return wrk.format(method, path, headers, body)
end

-- header is the value of the response header name (lower case), whatever its case on the wire.
local function header(headers, name)
   for key, value in pairs(headers) do
      if key:lower() == name then
         return value
      end
   end
   return nil
end

-- below_root is the path to poll for a Location, resolved as graphconform's Go load generator does:
-- an absolute URL must name the server under load (plain http, its host and port), and a path outside
-- the version root is relative to it. nil when the Location leaves the server or is not a path.
local function below_root(value)
   local scheme, authority, rest = value:match("^(%a[%w+.-]*)://([^/]*)(.*)$")
   if scheme then
      if scheme:lower() ~= "http" or authority ~= host then
         return nil
      end
      value = rest
   end
   if value:sub(1, 1) ~= "/" then
      return nil
   end
   if value:sub(1, #root + 1) ~= root .. "/" then
      value = root .. value
   end
   return value
end

-- finish ends an iteration: one begun after the warm-up has its latency and status counted (status
-- nil: it failed without an answer to count, as does one answered after the request timeout), and
-- the thread stops at its cap or at the end of the run.
function finish(status, what)
   local t = now()
   inflight = false
   if status ~= nil and t - began > timeout then
      status, what = nil, string.format("%s %s: no whole answer within %.0f ms", method, path, timeout / 1e3)
   end
   if began >= measure_from and iterations + failed < cap then
      last = t
      if status == nil then
         failed = failed + 1
      else
         iterations = iterations + 1
         latencies[#latencies + 1] = t - began
         if status >= 200 and status < 300 then
            ok = ok + 1
         end
      end
      if problem == nil and (status == nil or status < 200 or status >= 300) then
         problem = what
      end
   end
   if iterations + failed >= cap or t >= stop_at then
      stopped = true
      wrk.thread:stop()
   end
end

function response(status, headers, _)
   if polling then
      return finish(status, method .. " " .. path .. ": the poll of its Location answered " .. status)
   end
   local value = header(headers, "location")
   if status == 202 and value then
      location = below_root(value)
      if location then
         return
      end
      return finish(nil, "the Location " .. value .. " leaves the server under load")
   end
   finish(status, method .. " " .. path .. " answered " .. status)
end

function done(summary, _, _)
   local out = assert(io.open(os.getenv("GRAPHCONFORM_WRK_OUT"), "w"))
   -- A broken connection, a late answer and a timeout are counted by the iteration they cost; a
   -- connection that could not be made costs none, and is counted here.
   out:write(string.format("failed %d\n", summary.errors.connect))
   out:write(string.format("duration %d\n", summary.duration))
   local ended = now()
   for _, thread in ipairs(workers) do
      local from, failures, p = thread:get("measure_from"), thread:get("failed"), thread:get("problem")
      local began = thread:get("began")
      if thread:get("inflight") and began >= from then
         failures = failures + 1
         p = p or string.format("%s %s: no answer when wrk's run ended, %.0f ms after it was sent",
            thread:get("method"), thread:get("path"), (ended - began) / 1e3)
      end
      out:write(string.format("worker %d %d %d %d %.0f %.0f\n", thread:get("worker"), thread:get("iterations"),
         thread:get("ok"), failures, from, thread:get("last") or from))
      if p then
         out:write("problem " .. p:gsub("\n", " ") .. "\n")
      end
      local l = thread:get("latencies")
      for i = 1, #l do
         out:write(string.format("%.0f\n", l[i]))
      end
   end
   out:close()
end
