#!/usr/bin/env bash
# The district scenario through the gateway of a running stack (docker compose in demo mode, or ./loa up):
# a commune officer signs in, reads its plan, completes an activity; the district's dashboard counts it.
#   infra/compose/scenario.sh [http://localhost:8080]      prints each step; exit 0 when all held
# Needs curl and jq. Uses the demo users (password "demo") and the demo data's 2022 plans; each run completes
# another activity. LOA_AFTER_COMPLETE: a command run right after the completion was acknowledged (the
# container check kills a service there) before waiting for the dashboard.
set -euo pipefail

GW="${1:-${LOA_GATEWAY:-http://localhost:8080}}"
COMMUNE=lien-minh DISTRICT=duc-tho
step() { printf 'scenario: %s\n' "$*"; }
fail() { printf 'scenario: FAILED: %s\n' "$*" >&2; exit 1; }

# call METHOD PATH TOKEN [BODY] [extra curl args…]: sets BODY, STATUS and ETAG (no subshell, so that
# the caller sees them).
call() {
  local method="$1" path="$2" token="$3" body="${4:-}" out headers
  shift 4 2>/dev/null || shift $#
  out="$(mktemp)"; headers="$(mktemp)"
  local args=(-s -o "$out" -D "$headers" -w '%{http_code}' -X "$method" -H 'Accept: application/json')
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  STATUS="$(curl "${args[@]}" "$@" "$GW$path" || echo 000)"
  ETAG="$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$headers" | tail -1)"
  BODY="$(cat "$out")"; rm -f "$out" "$headers"
}

# token USER: sets TOKEN.
token() {
  call POST /auth/token "" "{\"username\":\"$1\",\"password\":\"demo\"}"
  [[ "$STATUS" == 200 ]] || fail "sign-in of $1 answered $STATUS: $BODY"
  TOKEN="$(jq -r .access_token <<<"$BODY")"
}

step "gateway $GW"
token lienminh.vhtt; commune="$TOKEN"; token ductho.vhtt; district="$TOKEN"
step "signed in as lienminh.vhtt and ductho.vhtt"

# The demo data arrives through Kafka (plan-service -> activity-service seeds activities): wait for it.
pick='[.items[] | select(.status == "IN_PROGRESS" or .status == "PLANNED")] | sort_by(.status) | .[0] // empty'
for _ in $(seq 1 60); do
  call GET "/api/activities?size=200" "$commune" ""; list="$BODY"
  [[ "$STATUS" == 200 && -n "$(jq -c "$pick" <<<"$list")" ]] && break
  sleep 5
done
[[ "$STATUS" == 200 ]] || fail "listing activities answered $STATUS: $list"
activity="$(jq -c "$pick" <<<"$list")"
[[ -n "$activity" ]] || fail "no activity planned or in progress for $COMMUNE (demo data not seeded?)"
id="$(jq -r .id <<<"$activity")"; plan_id="$(jq -r .planId <<<"$activity")"; due="$(jq -r .dueDate <<<"$activity")"
title="$(jq -r .title <<<"$activity")"

call GET "/api/plans/$plan_id" "$commune" ""; plan="$BODY"
[[ "$STATUS" == 200 ]] || fail "reading plan $plan_id answered $STATUS: $plan"
step "read plan $(jq -r .documentNumber <<<"$plan") \"$(jq -r .title <<<"$plan")\" ($(jq -r .status <<<"$plan"))"

year="${due:0:4}"; month=$((10#${due:5:2})); period="$year-Q$(( (month - 1) / 3 + 1 ))"
# The commune's completed activities on the district's dashboard; -1 while reporting-service does not answer.
# sets COUNT
dashboard() {
  call GET "/api/dashboards/$DISTRICT?period=$period" "$district" ""
  if [[ "$STATUS" != 200 ]]; then COUNT=-1; return; fi
  COUNT="$(jq -r --arg c "$COMMUNE" '[.children[] | select(.code == $c) | .activitiesCompleted // 0] | first // 0' <<<"$BODY")"
}
dashboard; before="$COUNT"
[[ "$before" -ge 0 ]] || fail "the dashboard of $DISTRICT $period does not answer"
step "dashboard $DISTRICT $period: $COMMUNE has $before completed activities"

call GET "/api/activities/$id" "$commune" ""
if [[ "$(jq -r .status <<<"$activity")" == PLANNED ]]; then
  call POST "/api/activities/$id/start" "$commune" "" -H "If-Match: ${ETAG:-*}"
  [[ "$STATUS" == 200 ]] || fail "starting activity $id answered $STATUS: $BODY"
  call GET "/api/activities/$id" "$commune" ""
fi
today="$(date +%F)"; [[ "$due" > "$today" ]] && due="$today"
body="$(jq -nc --arg on "$due" '{completedOn: $on, quantity: 1, reach: 120,
  evidence: [{url: "https://lienminh.ductho.hatinh.gov.vn/tin-tuc/cchc", note: "Bài đăng trên trang thông tin điện tử xã"}]}')"
call POST "/api/activities/$id/complete" "$commune" "$body" -H "If-Match: ${ETAG:-*}"; done_="$BODY"
if [[ "$STATUS" == 409 && "$(jq -r .code <<<"$done_")" == period-locked ]]; then
  step "the quarter $period is closed: the district reopens it for $COMMUNE"
  call POST "/api/periods/$COMMUNE/$period/reopen" "$district" \
    '{"reason":"Xã Liên Minh bổ sung kết quả (kịch bản kiểm thử container)"}'
  [[ "$STATUS" == 200 ]] || fail "reopening answered $STATUS: $BODY"
  for _ in $(seq 1 30); do
    call GET "/api/activities/$id" "$commune" ""
    call POST "/api/activities/$id/complete" "$commune" "$body" -H "If-Match: ${ETAG:-*}"; done_="$BODY"
    [[ "$STATUS" == 409 ]] || break
    sleep 2
  done
fi
[[ "$STATUS" == 200 ]] || fail "completing activity $id answered $STATUS: $done_"
[[ "$(jq -r .status <<<"$done_")" == COMPLETED ]] || fail "activity $id is $(jq -r .status <<<"$done_")"
step "completed \"$title\" ($id) on $due"
if [[ -n "${LOA_AFTER_COMPLETE:-}" ]]; then
  step "then: $LOA_AFTER_COMPLETE"
  bash -c "$LOA_AFTER_COMPLETE"
fi

for _ in $(seq 1 150); do
  dashboard; after="$COUNT"
  [[ "$after" -gt "$before" ]] && break
  sleep 2
done
[[ "$after" -gt "$before" ]] || fail "the dashboard still shows $after completed activities for $COMMUNE"
step "dashboard $DISTRICT $period: $COMMUNE now has $after completed activities (was $before)"
echo "scenario: PASSED"
