-- POST /api/v1/sync with one new lesson answer (fresh ids) as one agent after another.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local version, card, response = os.getenv("VERSION"), os.getenv("CARD"), os.getenv("RESPONSE")
local i = 0
local function uuid()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%04x-%06x%06x", r(0, 0xffff), r(0, 0xffff), r(0, 0xffff),
    r(0, 0xfff), r(0x8000, 0xbfff), r(0, 0xffffff), r(0, 0xffffff))
end
setup = function(thread) thread:set("seed", math.random(1, 1e9)) end
init = function() math.randomseed(os.time() + (tonumber(seed) or 0)) end
request = function()
  i = i + 1
  local body = string.format(
    '{"results":[{"kind":"lesson_answer","id":"%s","attempt_id":"%s","lesson_version_id":"%s","card":%s,"response":%s,"duration_ms":9000,"answered_at":"%s"}]}',
    uuid(), uuid(), version, card, response, os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", nil, {
    ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1],
    ["Content-Type"] = "application/json",
  }, body)
end
