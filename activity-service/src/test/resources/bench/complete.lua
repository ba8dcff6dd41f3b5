-- wrk script: POST /api/activities/{id}/complete for activities scheduled beforehand (version 1, so If-Match "1").
-- Environment: IDS (a file, one activity id a line), TOKEN ("Bearer …"), WRK_THREADS (wrk's -t), OFFSET (ids to skip).
-- Thread k takes ids k, k+n, k+2n … so that no two threads complete the same activity; it stops when its ids run out.
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
  errors = 0
  last_status = 0
  body = '{"completedOn":"2022-06-15","quantity":4,"reach":3200,"costVnd":150000,'
      .. '"evidence":[{"note":"Nhật ký phát thanh lưu tại bộ phận Văn hóa – Thông tin"}]}'
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = os.getenv("TOKEN"), ["If-Match"] = '"1"' }
end

function request()
  local id = ids[i]
  if id == nil then
    wrk.thread:stop()
    id = ids[1]
  end
  i = i + step
  return wrk.format("POST", "/api/activities/" .. id .. "/complete", headers, body)
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    last_status = status
  end
end

function done(summary, latency, requests)
  local total = 0
  local statuses = ""
  local next_id = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("errors")
    if thread:get("last_status") ~= 0 then
      statuses = statuses .. " " .. thread:get("last_status")
    end
    -- the threads' ids interleave but their counts differ: the next run starts after the furthest one asked for
    next_id = math.max(next_id, thread:get("i") - 1)
  end
  io.write(string.format("non-200: %d (last status per thread:%s)\nnext id: %d\n", total, statuses, next_id))
end
