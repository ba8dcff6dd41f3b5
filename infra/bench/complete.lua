-- wrk script of gateway-processes.sh's "completion" backend: POST /api/activities/{id}/complete, each activity once.
-- Adapted from activity-service's bench/complete.lua (WrkCompletionBenchmark); the same body and If-Match.
-- Environment: IDS (a file, one id a line, of activities imported for the run: SCHEDULED, version 1, so If-Match "1"),
-- TOKEN (the bearer token, without "Bearer "), WRK_THREADS (wrk's -t), OFFSET (ids already used by earlier runs),
-- COMPLETED_ON (the completion's date: it must be in a period that is not locked, not in the future).
-- Thread k takes ids OFFSET+k, OFFSET+k+n, … so that no two requests complete the same activity; a thread whose ids
-- run out stops (wrk's figures then cover a shorter load: done() says so). Every answer but 200 is counted and
-- printed by status: a refused completion is not a completion.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  ids = {}
  for line in io.lines(os.getenv("IDS")) do
    ids[#ids + 1] = line
  end
  step = tonumber(os.getenv("WRK_THREADS"))
  i = tonumber(os.getenv("OFFSET") or "0") + tid + 1
  ok = 0
  refused = 0
  statuses = ""
  ran_out = 0
  body = '{"completedOn":"' .. (os.getenv("COMPLETED_ON") or "2022-11-15") .. '","quantity":4,"reach":3200,'
      .. '"costVnd":150000,"evidence":[{"note":"Nhật ký phát thanh lưu tại bộ phận Văn hóa – Thông tin"}]}'
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
              ["If-Match"] = '"1"' }
end

function request()
  local id = ids[i]
  if id == nil then
    -- wrk asks for a request before it stops the thread: this one repeats an id and is refused (412), counted below
    ran_out = 1
    wrk.thread:stop()
    id = ids[1]
  end
  i = i + step
  return wrk.format("POST", "/api/activities/" .. id .. "/complete", headers, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  else
    refused = refused + 1
    -- the first few statuses of each thread, to say what went wrong
    if refused <= 5 then
      statuses = statuses .. " " .. status
    end
  end
end

function done(summary, latency, requests)
  local total_ok, total_refused, out, all, next_id = 0, 0, 0, "", 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_refused = total_refused + thread:get("refused")
    out = out + thread:get("ran_out")
    all = all .. thread:get("statuses")
    -- ids up to a thread's next index were asked for (answered or in flight at the end): the next run starts after
    next_id = math.max(next_id, thread:get("i") - 1)
  end
  io.write(string.format("completed: %d\nnon-200: %d (first statuses:%s)\nids ran out: %d\nnext id: %d\n", total_ok,
      total_refused, all, out, next_id))
end
