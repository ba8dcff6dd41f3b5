#!/usr/bin/env bash
# The gateway benchmark of issue 17 item 2, every party a process of its own (./loa bench --gateway):
#   - load generators: wrk (saturation, closed loop) and hey (paced: a fixed request rate), from Debian;
#   - backends: a stub (Reactor Netty, 1 KB JSON; gateway's test class StubBackend), the real plan-service
#     (GET /api/org-units/lien-minh), the real reporting-service (GET /api/dashboards/duc-tho?period=2022-Q1) and
#     the real activity-service ("completion": POST /api/activities/{id}/complete with If-Match, each activity of
#     the run completed once; the activities are imported for the run through POST /api/activities/import, 5,000 CSV
#     rows a request, into a plan of lien-minh that the stack's demo data issued), the last three in a local stack
#     started here (./loa up with LOA_PORT_OFFSET, production JVM flags);
#   - the gateway under test: the built jar in a JVM of its own with production JVM flags, routing
#     /api/org-units to the stack's plan-service, /api/dashboards to its reporting-service, /api/activities to its
#     activity-service (to the stub without a stack) and /api/notifications to the stub (the stub answers any path),
#     tokens of the stack's gateway (same signing key and issuer);
#   - optionally a second gateway from another jar (--baseline-jar, e.g. main's), measured in the same runs, so that
#     a before/after comparison shares the machine's load of the moment.
# For each backend: the direct path's saturation (wrk -c CONNECTIONS), then the same GET direct and through each
# gateway side by side at 25/50/75 % of that rate (hey, paced) and at saturation (wrk). Printed and written to
# target/bench/gateway/results.md and results.tsv: p50/p99 direct and through the gateway, the added latency, the
# gateway's CPU per request (/proc/<pid>/stat, user+system) and the throughput ratio, with the load average of each
# run. With a stack, also the CPU per request of the service behind (its process) and of its PostgreSQL backends
# (the stack's postmaster's children on that service's database), direct and through each gateway.
#
# Completions (--backends completion): only at saturation (wrk -c CONNECTIONS with infra/bench/complete.lua: each
# request completes another activity, so a run needs an activity per request); paced POSTs are not run. Answers other
# than 200 (and wrk's socket timeouts) are counted, printed and make the run's figures "non-2xx"; completions/s is
# wrk's rate of all answers, so it is the completion rate only where that count is 0.
#
# Pacing: hey's -q is per worker and each worker waits for its answer before the next tick (a late answer loses its
# tick), so N workers at -q Q offer at most N*Q req/s and less once an answer takes longer than 1/Q. The runs here use
# enough workers that each is asked for at most HEY_WORKER_RATE req/s (default 50: one request every 20 ms, more than
# the p99 seen), at least CONNECTIONS; the rate reached is printed beside the rate offered, and a run that fell short
# (< 95 %) is marked "short", since its latencies are those of a saturated path, not of that load.
#
# Options: --seconds N (per run, default 10) --connections N (wrk, default 8) --backends stub,plan,dashboard,completion
#          --levels 25,50,75 --stack-offset N (use a stack already running with LOA_PORT_OFFSET=N instead of starting one)
#          --jar PATH (the gateway under test; default gateway/target's) --baseline-jar PATH (a second gateway measured
#          beside it, e.g. main's jar) --profile (JFR during one more saturation run through each gateway, after the
#          measured one: target/bench/gateway/profile-<gateway>-<backend>.jfr and its top frames in ...-top.txt;
#          with a stack's backend also the service's own, during that run and during one more direct run:
#          profile-service-<backend>-{direct,<gateway>}.jfr and ...-top.txt) --activities N (completions: how many
#          activities to import before the runs; default enough for COMPLETION_RATE_CAP req/s in every run, and more
#          are imported between runs should they run short)
# Environment: LOA_BENCH_GATEWAY_JAVA_OPTS (default: the images' flags with the heap of a 640 MiB container,
#              "-Xmx384m -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8": G1, C2), LOA_BENCH_GATEWAY_ENV (extra
#              NAME=value settings of the gateways under test, space-separated, to compare settings),
#              HEY_WORKER_RATE (see Pacing), COMPLETION_RATE_CAP (default 1000: the completion rate the activities
#              are imported for), COMPLETED_ON (default 2022-11-15: the completions' date and the imported activities' due date, in a
#              period not locked: the demo data closes 2022-Q1 and Q2 of lien-minh, reopens Q3 for a week),
#              COMPLETION_WARMUP (default 5000: completions per path before the measured runs, in runs of --seconds,
#              at most 20).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench/gateway"
mkdir -p "$OUT/logs"
SECONDS_PER_RUN=10
CONNECTIONS=8
BACKENDS="stub,plan,dashboard"
ACTIVITIES=""
LEVELS="25,50,75"
STACK_OFFSET=""
GATEWAY_JAR=""
BASELINE_JAR="${LOA_BENCH_GATEWAY_BASELINE_JAR:-}"
PROFILE=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --backends) BACKENDS="$2"; shift 2 ;;
    --levels) LEVELS="$2"; shift 2 ;;
    --stack-offset) STACK_OFFSET="$2"; shift 2 ;;
    --jar) GATEWAY_JAR="$2"; shift 2 ;;
    --baseline-jar) BASELINE_JAR="$2"; shift 2 ;;
    --profile) PROFILE=true; shift ;;
    --activities) ACTIVITIES="$2"; shift 2 ;;
    *) echo "gateway bench: unknown option $1" >&2; exit 2 ;;
  esac
done
JAVA_OPTS="${LOA_BENCH_GATEWAY_JAVA_OPTS:--Xmx384m -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8}"
HEY_WORKER_RATE="${HEY_WORKER_RATE:-50}"
COMPLETION_RATE_CAP="${COMPLETION_RATE_CAP:-1000}"
COMPLETED_ON="${COMPLETED_ON:-2022-11-15}"
COMPLETION_WARMUP="${COMPLETION_WARMUP:-5000}"
CLK_TCK="$(getconf CLK_TCK)"

need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $1 (Debian package)"; apt-get install -y "$1" >/dev/null; }; }
need wrk
need hey
need jq
load() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    ss -ltn "sport = :$port" | grep -q LISTEN || { echo "$port"; return; }
  done
}
wait_http() { # url, seconds[, pid of the process that should answer: stop waiting when it has ended]
  for _ in $(seq 1 "$2"); do
    curl -s -o /dev/null "$1" && return 0
    [[ -z "${3:-}" ]] || kill -0 "$3" 2>/dev/null || { echo "gateway bench: the process for $1 ended (its log: $OUT/logs/)" >&2; return 1; }
    sleep 1
  done
  echo "gateway bench: no answer from $1" >&2; return 1
}

PIDS=()
STARTED_STACK=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$STARTED_STACK" ]]; then LOA_PORT_OFFSET="$STARTED_STACK" ./loa down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT # so that the EXIT trap ends the processes started here

if [[ -z "$GATEWAY_JAR" ]]; then
  GATEWAY_JAR="$(ls gateway/target/loa-gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)"
  if [[ -z "$GATEWAY_JAR" || ! -f gateway/target/test-classes/vn/loa/gateway/bench/StubBackend.class ]]; then
    echo "building the gateway: ./mvnw -q -DskipTests package -pl gateway -am"
    ./mvnw -q -o -DskipTests package -pl gateway -am
    GATEWAY_JAR="$(ls gateway/target/loa-gateway-*.jar | grep -v original | head -1)"
  fi
fi
[[ -f "$GATEWAY_JAR" ]] || { echo "gateway bench: no jar $GATEWAY_JAR" >&2; exit 2; }
[[ -z "$BASELINE_JAR" || -f "$BASELINE_JAR" ]] || { echo "gateway bench: no baseline jar $BASELINE_JAR" >&2; exit 2; }

# ---------------------------------------------------------------- backends
STUB_PORT="$(free_port)"
java $JAVA_OPTS -cp "gateway/target/test-classes:$(cat gateway/target/test.classpath)" vn.loa.gateway.bench.StubBackend "$STUB_PORT" \
  >"$OUT/logs/stub.log" 2>&1 &
STUB_PID=$!
PIDS+=($!)

if [[ ",$BACKENDS," == *,plan,* || ",$BACKENDS," == *,dashboard,* || ",$BACKENDS," == *,completion,* ]]; then
  if [[ -z "$STACK_OFFSET" ]]; then
    STACK_OFFSET=3100
    echo "starting a local stack with LOA_PORT_OFFSET=$STACK_OFFSET (production JVM flags), log $OUT/logs/stack.log"
    LOA_PORT_OFFSET=$STACK_OFFSET LOA_SERVICE_JAVA_OPTS="$JAVA_OPTS" LOA_SKIP_BUILD="${LOA_SKIP_BUILD:-false}" \
      LOA_LIMITS_PERUSER_CAPACITY=100000000 LOA_LIMITS_PERUSER_REFILLPERSECOND=100000000 \
      ./loa up >"$OUT/logs/stack.log" 2>&1 &
    STARTED_STACK=$STACK_OFFSET
    for _ in $(seq 1 900); do grep -q "Loa is ready" "$OUT/logs/stack.log" && break; sleep 1; done
    grep -q "Loa is ready" "$OUT/logs/stack.log" || { echo "the stack did not start: $OUT/logs/stack.log" >&2; exit 1; }
  fi
fi
STACK_GATEWAY="http://localhost:$((8080 + ${STACK_OFFSET:-0}))"
PLAN="http://127.0.0.1:$((8081 + ${STACK_OFFSET:-0}))"
REPORTING="http://127.0.0.1:$((8083 + ${STACK_OFFSET:-0}))"
ACTIVITY="http://127.0.0.1:$((8082 + ${STACK_OFFSET:-0}))"
# Without a stack /api/activities goes to the stub (no backend measures it then).
[[ -n "$STACK_OFFSET" ]] || ACTIVITY="http://127.0.0.1:$STUB_PORT"

# ---------------------------------------------------------------- the gateways under test
declare -A GW_PID GW_URL GW_JAR
GATEWAYS=()
start_gateway() { # name jar
  local port mgmt
  port="$(free_port)"
  mgmt="$(free_port)"
  local env_vars=(SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$mgmt"
    LOA_SERVICES_PLAN_URI="$PLAN" LOA_SERVICES_REPORTING_URI="$REPORTING"
    LOA_SERVICES_ACTIVITY_URI="$ACTIVITY" LOA_SERVICES_NOTIFICATION_URI="http://127.0.0.1:$STUB_PORT"
    LOA_AUTH_ISSUER_URI="$STACK_GATEWAY" LOA_DEMODATA_ENABLED=true
    LOA_LIMITS_PERUSER_CAPACITY=100000000 LOA_LIMITS_PERUSER_REFILLPERSECOND=100000000)
  # Without a stack the gateway signs its own tokens with a key of this run; with one, the stack gateway's key (the
  # default key file, shared) so that the services accept the same tokens.
  [[ -n "$STACK_OFFSET" ]] || env_vars+=(LOA_AUTH_KEY_FILE="$OUT/jwt-signing-key.pem")
  # shellcheck disable=SC2206
  local extra=(${LOA_BENCH_GATEWAY_ENV:-})
  env "${env_vars[@]}" "${extra[@]}" java $JAVA_OPTS -jar "$2" >"$OUT/logs/gateway-$1.log" 2>&1 &
  GW_PID[$1]=$!
  PIDS+=("$!")
  GW_URL[$1]="http://127.0.0.1:$port"
  GW_JAR[$1]="$2"
  GATEWAYS+=("$1")
  wait_http "http://127.0.0.1:$mgmt/actuator/health/readiness" 300 "${GW_PID[$1]}"
}
# The first gateway's tokens sign the runs when there is no stack: both gateways then need the same key.
start_gateway gateway "$GATEWAY_JAR"
[[ -z "$BASELINE_JAR" ]] || start_gateway baseline "$BASELINE_JAR"
wait_http "http://127.0.0.1:$STUB_PORT/" 120 "$STUB_PID"

# Tokens from the gateway under test: it signs with the stack gateway's key and names its issuer (above), so the
# services accept them, and the run does not depend on the stack's own gateway.
token() { # user
  curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo\"}" \
    "${GW_URL[gateway]}/auth/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# The process listening on a port (the stack's services are the launcher's children: their pids are not ours to know).
listener_pid() { ss -ltnpH "sport = :$1" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1; }

# PostgreSQL backends of one database of the stack: "pid ticks" a line (the postmaster's children whose title names
# that database: "postgres: loa loa_activity 127.0.0.1(…) idle").
PG_PORT="$((${LOA_POSTGRES_PORT:-15432} + ${STACK_OFFSET:-0}))"
db_snapshot() { # database
  local postmaster pid
  postmaster="$(pgrep -f -- "bin/postgres .*-p $PG_PORT( |$)" | head -1 || true)"
  [[ -n "$postmaster" && -n "$1" ]] || return 0
  for pid in $(pgrep -P "$postmaster"); do
    { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -q "^postgres: [^ ]* $1 " && echo "$pid $(cpu_ticks "$pid")"
  done
  return 0
}
# ticks the backends used between two snapshots (a backend started meanwhile counts whole, one that ended is lost)
db_ticks() { # before after (snapshots)
  awk 'NR == FNR {if (NF == 2) before[$1] = $2; next} NF == 2 {d = $2 - before[$1]; if (d > 0) sum += d} END {print sum + 0}' \
    <(echo "$1") <(echo "$2")
}
# The JIT compiler threads of a JVM: "tid ticks" a line (C1/C2 CompilerThread; they come and go, and one that ended
# during a run is counted in its process's CPU but not here).
jit_snapshot() { # pid
  local task
  [[ -n "$1" ]] || return 0
  for task in /proc/"$1"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ CompilerThre* ]] && echo "${task##*/} $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null)"
  done
  return 0
}
psql_activity() { PGPASSWORD=loa psql -h 127.0.0.1 -p "$PG_PORT" -U loa -d loa_activity -Atqc "$1"; }

# ------------------------------------------------ completions: activities imported for the run, each completed once
IDS="$OUT/completion-ids.txt"
NEXT_ID="$OUT/completion-next" # how many ids of $IDS earlier runs used (each run starts after them)
: >"$IDS"
echo 0 >"$NEXT_ID"
import_activities() { # count (a multiple of 5,000 is best): POST /api/activities/import, 5,000 CSV rows a request
  local count=$1 done=0 rows csv="$OUT/import.csv" answer started seconds accepted
  while ((done < count)); do
    rows=$((count - done < 5000 ? count - done : 5000))
    { echo "planId,title,channel,topics,targetCodes,unit,coordinatingUnits,dueDate,plannedQuantity"
      awk -v n="$rows" -v from="$(wc -l <"$IDS")" -v tmpl="$COMPLETION_ROW" -v due="$COMPLETED_ON" 'BEGIN {
        split(tmpl, f, "|"); for (i = 1; i <= n; i++)
          printf "%s,Chuyên mục CCHC trên truyền thanh cơ sở (bench) số %d,%s,%s,%s,%s,,%s,4\n", f[1], from + i, f[2], f[3], f[4], f[5], due }'
    } >"$csv"
    started=$(date +%s.%N)
    answer="$(curl -s -X POST -H "Authorization: Bearer $COMPLETER" -H 'Content-Type: text/csv' --data-binary @"$csv" \
      "$ACTIVITY/api/activities/import")"
    seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
    accepted="$(jq -r '.accepted // 0' <<<"$answer" 2>/dev/null || echo 0)"
    [[ "$accepted" == "$rows" ]] || { echo "gateway bench: the import accepted ${accepted:-?} of $rows rows: ${answer:0:400}" >&2; exit 1; }
    jq -r '.activityIds[]' <<<"$answer" >>"$IDS"
    done=$((done + rows))
    echo "imported $rows activities in $seconds s ($(wc -l <"$IDS") in all), load average $(load)" >&2
  done
  # Imported activities are due on COMPLETED_ON, in the past: the service's overdue job (every minute) announces each
  # once (an UPDATE and an activity-overdue event per activity, notification-service then writes to its officer),
  # which took most of a CPU during the first runs. Wait until it has announced them all (or, when the stack runs
  # without it, until the count has not moved for 75 s), and until the relay has sent every event to Kafka, so that
  # the runs do not share the service with that work (reporting and notification may still be consuming them).
  local waiting=0 last=-1 unannounced pending same=0
  while ((waiting < 900)); do
    unannounced="$(psql_activity "select count(*) from activity where status in ('PLANNED', 'IN_PROGRESS')
      and overdue_notified_at is null and due_date < current_date")"
    pending="$(psql_activity "select count(*) from outbox_event where published_at is null")"
    [[ "$unannounced" == "$last" ]] && same=$((same + 5)) || same=0
    last="$unannounced"
    if [[ "$pending" == 0 && ( "$unannounced" == 0 || $same -ge 75 ) ]]; then
      echo "imported activities announced overdue and every event relayed after $waiting s ($unannounced left to announce)" >&2
      return 0
    fi
    sleep 5
    waiting=$((waiting + 5))
  done
  echo "gateway bench: after 15 min, $unannounced imported activities still to announce overdue, $pending events to relay" >&2
}
# Before completion runs (not in a subshell: a failed import ends the bench): enough activities left for
# COMPLETION_RATE_CAP completions/s during that many runs.
ensure_activities() { # [runs, default 1]
  local left=$(($(wc -l <"$IDS") - $(cat "$NEXT_ID")))
  local need=$((COMPLETION_RATE_CAP * SECONDS_PER_RUN * ${1:-1}))
  ((left >= need)) || import_activities $(((need - left + 4999) / 5000 * 5000))
}

# wrk at saturation: prints "rps p50_ms p99_ms requests non2xx workers"
saturate() { # url token
  if [[ "${BACKEND:-}" == completion ]]; then complete "$1" "$2"; return; fi
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $2" "$1" | awk -v c="$CONNECTIONS" '
    /Requests\/sec/ {rps=$2}
    / 50%/ {p50=$2} / 99%/ {p99=$2}
    /requests in/ {n=$1}
    /Non-2xx or 3xx responses/ {bad=$NF}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.1f %.3f %.3f %d %d %d\n", rps, ms(p50), ms(p99), n - bad, bad, c}'
}

# Completions at saturation (complete.lua, one thread): prints "completions_per_s p50_ms p99_ms completed failed
# workers". Failed: answers other than 200 and wrk's socket errors (a timed-out completion may have happened or not:
# wrk waits 30 s, not its default 2 s, which a loaded machine's completions exceed);
# completions/s is wrk's rate of answers times the share that were 200. The raw output goes to the log directory.
complete() { # base url of the path (…/api/activities/{id}/complete is the script's), token
  local offset raw
  offset=$(cat "$NEXT_ID")
  raw="$(IDS="$IDS" TOKEN="$2" WRK_THREADS=1 OFFSET="$offset" COMPLETED_ON="$COMPLETED_ON" \
    wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 30s --latency -s "$ROOT/infra/bench/complete.lua" "$1")"
  echo "$raw" >>"$OUT/logs/completion-wrk.log"
  # the ids this run asked for (answered or in flight when wrk stopped): the next run starts after them
  sed -nE 's/^next id: ([0-9]+)/\1/p' <<<"$raw" >"$NEXT_ID"
  grep -q "^ids ran out: 0" <<<"$raw" || echo "gateway bench: a completion run ran out of activities (--activities)" >&2
  awk -v c="$CONNECTIONS" '
    /Requests\/sec/ {rps=$2}
    / 50%/ {p50=$2} / 99%/ {p99=$2}
    /requests in/ {n=$1}
    /^completed:/ {ok=$2}
    /^non-200:/ {bad=$2}
    /Socket errors/ {gsub(/,/, ""); for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) sock += $i}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.1f %.3f %.3f %d %d %d\n", (n > 0 ? rps * ok / n : 0), ms(p50), ms(p99), ok, bad + sock, c}' <<<"$raw"
}

# hey at a fixed total rate (see Pacing above): prints "rps p50_ms p99_ms requests non200 workers"
paced() { # url token rate
  local workers per_worker
  workers=$(awk -v r="$3" -v w="$HEY_WORKER_RATE" -v c="$CONNECTIONS" 'BEGIN {n = int((r + w - 1) / w); print (n < c ? c : n)}')
  per_worker=$(awk -v r="$3" -v n="$workers" 'BEGIN {printf "%.3f", r / n}')
  # Parenthesised conditions: in awk's print, a bare ">" redirects to a file.
  hey -z "${SECONDS_PER_RUN}s" -c "$workers" -q "$per_worker" -H "Authorization: Bearer $2" "$1" | awk -v c="$workers" '
    /Requests\/sec/ {rps=$2}
    /50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000}
    /^[ \t]*\[[0-9]+\]/ {if ($1 == "[200]") ok=$2; else bad+=$2}
    END {printf "%.1f %.3f %.3f %d %d %d\n", rps, p50, p99, ok, bad, c}'
}

jfc() { # a copy of the JDK's "profile" settings with Java sampled every 2 ms instead of 10 or 20
  local file="$OUT/profile-2ms.jfc"
  [[ -f "$file" ]] || sed -E '/<event name="jdk.ExecutionSample">/,/<\/event>/ s#>[0-9]+ ms<#>2 ms<#' \
    "$(dirname "$(readlink -f "$(command -v java)")")/../lib/jfr/profile.jfc" >"$file"
  echo "$file"
}

# The top frames of a recording: self samples per method and per package, and the share of samples with a given
# component anywhere on the stack (what that component and what it calls cost).
top_frames() { # jfr file, output
  jfr print --events jdk.ExecutionSample --stack-depth 256 "$1" | awk '
    function group(f) {
      if (f ~ /^org\.springframework\.security\./) return "spring-security";
      if (f ~ /^vn\.loa\.gateway\.auth\./) return "loa auth (token cache)";
      if (f ~ /^vn\.loa\.gateway\.limits\./) return "loa limits (size, page size, rate limit)";
      if (f ~ /^vn\.loa\.gateway\.tracing\./) return "loa trace headers";
      if (f ~ /^vn\.loa\.support\.security\./) return "loa service security (token cache, scope)";
      if (f ~ /^vn\.loa\.support\.idempotency\./) return "loa idempotency filter";
      if (f ~ /^vn\.loa\.support\./) return "loa service support (web)";
      if (f ~ /^vn\.loa\.messaging\./) return "loa messaging (outbox, relay)";
      if (f ~ /^vn\.loa\.activity\./) return "activity-service";
      if (f ~ /^vn\.loa\./) return "loa other";
      if (f ~ /^io\.micrometer\.context\.|ContextPropagation|ContextSnapshot/) return "context propagation";
      if (f ~ /^brave\.|^io\.micrometer\.tracing\./) return "tracing (brave)";
      if (f ~ /^io\.micrometer\.observation\./) return "observation";
      if (f ~ /^io\.micrometer\.|^io\.prometheus\./) return "metrics";
      if (f ~ /^io\.github\.resilience4j\.|^org\.springframework\.cloud\.circuitbreaker\.|CircuitBreaker/) return "circuit breaker + time limit";
      if (f ~ /Retry/) return "retry";
      if (f ~ /^org\.springframework\.cloud\.gateway\.handler\./) return "gateway route matching";
      if (f ~ /^org\.springframework\.cloud\.gateway\./) return "gateway filters";
      if (f ~ /^reactor\.netty\.http\.client\.|^reactor\.netty\.resources\./) return "reactor-netty client";
      if (f ~ /^reactor\.netty\./) return "reactor-netty server";
      if (f ~ /^io\.netty\./) return "netty";
      if (f ~ /^reactor\./) return "reactor core";
      if (f ~ /^org\.springframework\.web\.servlet\.|^org\.springframework\.web\.filter\./) return "spring mvc";
      if (f ~ /^org\.springframework\.web\.|^org\.springframework\.http\./) return "spring web (webflux, http)";
      if (f ~ /^org\.springframework\.jdbc\.|^org\.springframework\.transaction\.|^org\.springframework\.orm\./) return "spring jdbc, transactions";
      if (f ~ /^org\.springframework\.kafka\.|^org\.apache\.kafka\./) return "kafka";
      if (f ~ /^org\.apache\.catalina\.|^org\.apache\.coyote\.|^org\.apache\.tomcat\./) return "tomcat";
      if (f ~ /^org\.postgresql\./) return "postgresql driver";
      if (f ~ /^com\.zaxxer\.hikari\./) return "hikari";
      if (f ~ /^org\.hibernate\./) return "hibernate";
      if (f ~ /^tools\.jackson\.|^com\.fasterxml\./) return "jackson";
      if (f ~ /^com\.nimbusds\./) return "nimbus jose (jwt)";
      if (f ~ /^org\.springframework\./) return "spring other";
      if (f ~ /^ch\.qos\.logback\.|^org\.slf4j\./) return "logging";
      if (f ~ /^com\.github\.benmanes\.caffeine\./) return "caffeine";
      if (f ~ /^io\.github\.bucket4j\./) return "bucket4j";
      if (f ~ /^java\.|^jdk\.|^sun\./) return "jdk";
      return "other";
    }
    /sampledThread = / {thread=$0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread); gsub(/[0-9]+/, "N", thread)}
    /stackTrace = \[/ {inside=1; depth=0; delete seen; next}
    inside && /^[ \t]*\]/ {inside=0; samples++; threads[thread]++; next}
    inside {
      f=$0; sub(/^[ \t]+/, "", f); sub(/\(.*/, "", f); sub(/[ \t]+line:.*/, "", f)
      if (f == "...") next
      if (depth == 0) {self[f]++; selfg[group(f)]++}
      g = group(f); if (!(g in seen)) {seen[g]=1; incl[g]++}
      depth++
    }
    END {
      printf "%d samples\n\nthreads:\n", samples
      for (t in threads) printf "%6.1f %%  %s\n", 100 * threads[t] / samples, t | "sort -rn"; close("sort -rn")
      printf "\nself time by component:\n"
      for (g in selfg) printf "%6.1f %%  %s\n", 100 * selfg[g] / samples, g | "sort -rn"; close("sort -rn")
      printf "\nsamples with the component on the stack (inclusive; they overlap):\n"
      for (g in incl) printf "%6.1f %%  %s\n", 100 * incl[g] / samples, g | "sort -rn"; close("sort -rn")
      printf "\ntop 40 methods, self time:\n"
      for (f in self) printf "%6.1f %%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -40"; close("sort -rn | head -40")
    }' >"$2"
}

# After the warm-ups (at most 5 min) and before each measured run (at most 2 min): wait until the JVMs measured (each
# gateway, the service behind) are idle. On a
# loaded machine their JIT compiler threads get little CPU while the load runs and compile the warm-up's backlog
# afterwards; CPU that a measured run would otherwise count per request (more per request, the fewer requests that
# run made: the first completion runs through the gateway counted 13 ms of the service's CPU per completion, against
# 1.6 ms direct, most of it C2 compiling what the warm-ups had queued).
settle() { # [most seconds to wait, default 120]
  local pids=("${GW_PID[@]}") pid busy start=$SECONDS before after
  [[ -z "${SERVICE_PID[$BACKEND]:-}" ]] || pids+=("${SERVICE_PID[$BACKEND]}")
  while ((SECONDS - start < ${1:-120})); do
    busy=0
    for pid in "${pids[@]}"; do before[$pid]=$(cpu_ticks "$pid"); done
    sleep 3
    # idle: under 5 % of a core over 3 s
    for pid in "${pids[@]}"; do
      after=$(cpu_ticks "$pid")
      (((after - before[pid]) * 100 < 15 * CLK_TCK)) || busy=1
    done
    ((busy)) || break
  done
  echo "settled after $((SECONDS - start)) s$( ((busy)) && echo ' (still busy: the figures include that work)'), load average $(load)" >&2
}

# One measured run, direct or through a gateway: the tool's figures, then the CPU µs per request (user + system
# over the run ÷ answers) of the gateway ("-" direct), of the service behind and of its PostgreSQL backends ("-"
# without a stack's service), then the part of the gateway's and of the service's that their JIT compiler threads
# used (included in theirs: on this machine C2 kept compiling through the runs, most of the service's CPU in some).
measured() { # direct|gateway-name mode url token [rate]
  local gpid="" spid="${SERVICE_PID[$BACKEND]:-}" db="${SERVICE_DB[$BACKEND]:-}" g0=0 g1=0 s0=0 s1=0 d0 d1 gj0 gj1 sj0 sj1
  local figures requests
  [[ "$1" == direct ]] || gpid="${GW_PID[$1]}"
  settle
  d0="$(db_snapshot "$db")"; gj0="$(jit_snapshot "$gpid")"; sj0="$(jit_snapshot "$spid")"
  [[ -z "$gpid" ]] || g0=$(cpu_ticks "$gpid")
  [[ -z "$spid" ]] || s0=$(cpu_ticks "$spid")
  if [[ "$2" == saturate ]]; then figures=$(saturate "$3" "$4"); else figures=$(paced "$3" "$4" "$5"); fi
  [[ -z "$gpid" ]] || g1=$(cpu_ticks "$gpid")
  [[ -z "$spid" ]] || s1=$(cpu_ticks "$spid")
  d1="$(db_snapshot "$db")"; gj1="$(jit_snapshot "$gpid")"; sj1="$(jit_snapshot "$spid")"
  # The profile is a run of its own after the measured one: JFR's sampling and jcmd's attach cost CPU. Through a
  # gateway: the gateway, and the service behind when it is a stack's; direct: the stack's service.
  [[ -n "$spid" ]] || db="" # no service process found: no service profile either
  if [[ "$PROFILE" == true && "$2" == saturate && ( -n "$gpid" || -n "$db" ) ]]; then
    [[ -z "$gpid" ]] || jcmd "$gpid" JFR.start name=bench settings="$(jfc)" filename="$OUT/profile-$1-$BACKEND.jfr" >/dev/null
    [[ -z "$db" ]] || jcmd "$spid" JFR.start name=bench settings="$(jfc)" filename="$OUT/profile-service-$BACKEND-$1.jfr" >/dev/null
    saturate "$3" "$4" >/dev/null
    if [[ -n "$gpid" ]]; then
      jcmd "$gpid" JFR.stop name=bench >/dev/null
      top_frames "$OUT/profile-$1-$BACKEND.jfr" "$OUT/profile-$1-$BACKEND-top.txt"
    fi
    if [[ -n "$db" ]]; then
      jcmd "$spid" JFR.stop name=bench >/dev/null
      top_frames "$OUT/profile-service-$BACKEND-$1.jfr" "$OUT/profile-service-$BACKEND-$1-top.txt"
    fi
  fi
  read -r _ _ _ ok bad _ <<<"$figures"
  requests=$((ok + bad))
  awk -v f="$figures" -v g=$((g1 - g0)) -v s=$((s1 - s0)) -v d="$(db_ticks "$d0" "$d1")" -v hz="$CLK_TCK" -v n="$requests" \
    -v gj="$(db_ticks "$gj0" "$gj1")" -v sj="$(db_ticks "$sj0" "$sj1")" \
    -v gw="$gpid" -v svc="$spid" -v db="$db" 'function us(t) {return sprintf("%.0f", (n > 0 ? t * 1e6 / hz / n : 0))}
    BEGIN {print f, (gw == "" ? "-" : us(g)), (svc == "" ? "-" : us(s)), (db == "" ? "-" : us(d)),
      (gw == "" ? "-" : us(gj)), (svc == "" ? "-" : us(sj))}'
}

LIEN_MINH="$(token lienminh.vhtt)"
[[ -n "$LIEN_MINH" && "$LIEN_MINH" != *"{"* ]] || { echo "no token from the issuer" >&2; exit 1; }

declare -A DIRECT_PATH GATEWAY_PATH DIRECT_BASE SERVICE_PID SERVICE_DB
declare -A USER_OF=([stub]=lienminh.vhtt [plan]=lienminh.vhtt [dashboard]=ductho.vhtt [completion]=lienminh.vhtt)
# Tokens live 10 minutes and a whole run takes longer: each backend, and each of its load levels, gets a fresh one (an
# expired token is a fast 401, which would count as throughput).
fresh_token() { # backend
  t="$(token "${USER_OF[$1]}")"
  [[ -n "$t" && "$t" != *"{"* ]] || { echo "gateway bench: no token from the issuer for ${USER_OF[$1]}" >&2; exit 1; }
  COMPLETER="$t"
}
DIRECT_BASE[stub]="http://127.0.0.1:$STUB_PORT"; DIRECT_PATH[stub]="/api/notifications/bench"
DIRECT_BASE[plan]="$PLAN"; DIRECT_PATH[plan]="/api/org-units/lien-minh"
DIRECT_BASE[dashboard]="$REPORTING"; DIRECT_PATH[dashboard]="/api/dashboards/duc-tho?period=2022-Q1"
# completion: wrk's URL is the base (complete.lua writes each request's path); the path checked first is a GET
DIRECT_BASE[completion]="$ACTIVITY"; DIRECT_PATH[completion]=""
SERVICE_PID[stub]="$STUB_PID"
if [[ -n "$STACK_OFFSET" ]]; then
  SERVICE_PID[plan]="$(listener_pid "${PLAN##*:}")"; SERVICE_DB[plan]=loa_plan
  SERVICE_PID[dashboard]="$(listener_pid "${REPORTING##*:}")"; SERVICE_DB[dashboard]=loa_reporting
  SERVICE_PID[completion]="$(listener_pid "${ACTIVITY##*:}")"; SERVICE_DB[completion]=loa_activity
fi

if [[ ",$BACKENDS," == *,completion,* ]]; then
  # The commune officer of lien-minh completes activities of a plan of lien-minh: one of its demo activities gives
  # the plan, channel, topic, target and unit of the imported ones (due on COMPLETED_ON, in an open period).
  COMPLETER="$LIEN_MINH"
  COMPLETION_ROW="$(curl -s -H "Authorization: Bearer $COMPLETER" "$ACTIVITY/api/activities?size=200" | jq -r '
    [.items[] | select((.targetCodes | length) > 0 and (.topics | length) > 0)][0]
    | "\(.planId)|\(.channel)|\(.topics[0])|\(.targetCodes[0])|\(.unit)"' 2>/dev/null || true)"
  [[ "$COMPLETION_ROW" == *-*\|* ]] || { echo "gateway bench: no demo activity of lien-minh in the stack to copy" >&2; exit 1; }
  # Runs: a warm-up and a measured one per path, a profiled one per path with --profile.
  runs=$((2 * (1 + ${#GATEWAYS[@]})))
  [[ "$PROFILE" != true ]] || runs=$((runs + 1 + ${#GATEWAYS[@]}))
  import_activities "${ACTIVITIES:-$(((COMPLETION_RATE_CAP * SECONDS_PER_RUN * runs + 4999) / 5000 * 5000))}"
  DIRECT_PATH[completion]="/api/activities/$(head -1 "$IDS")"
fi

TSV="$OUT/results.tsv"
MD="$OUT/results.md"
printf 'backend\tload\tgateway\trate_req_s\tdirect_rps\tdirect_p50_ms\tdirect_p99_ms\tgateway_rps\tgateway_p50_ms\tgateway_p99_ms\tadded_p50_ms\tadded_p99_ms\tgateway_cpu_us_per_req\tratio_rps\tdirect_non2xx\tgateway_non2xx\tdirect_workers\tgateway_workers\tloadavg\tservice_cpu_us_direct\tservice_cpu_us_gateway\tdb_cpu_us_direct\tdb_cpu_us_gateway\tgateway_jit_us_per_req\tservice_jit_us_direct\tservice_jit_us_gateway\n' >"$TSV"
{
  echo "# Gateway benchmark (separate processes), $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "$(nproc) cores, load average at start $(load); $SECONDS_PER_RUN s per run, wrk $CONNECTIONS connections, hey ≤ $HEY_WORKER_RATE req/s per worker; JVM flags: $JAVA_OPTS${LOA_BENCH_GATEWAY_ENV:+; gateway settings: $LOA_BENCH_GATEWAY_ENV}"
  echo
  for name in "${GATEWAYS[@]}"; do echo "- \`$name\`: ${GW_JAR[$name]} ($(stat -c %y "${GW_JAR[$name]}" | cut -d. -f1))"; done
  echo
  echo "| backend | load | gateway | req/s direct → gateway | direct p50 / p99 ms | gateway p50 / p99 ms | added p50 / p99 ms | gateway CPU µs/req | throughput ratio | service + its PostgreSQL CPU µs/req, direct → gateway | load avg |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
} >"$MD"

SHORT=0
NON2XX=0
for BACKEND in ${BACKENDS//,/ }; do
  d="${DIRECT_BASE[$BACKEND]}${DIRECT_PATH[$BACKEND]}"; fresh_token "$BACKEND"
  # The first answers of a JVM that has just started may pass the gateway's time limit (503) on a busy machine.
  for url in "$d" $(for name in "${GATEWAYS[@]}"; do echo "${GW_URL[$name]}${DIRECT_PATH[$BACKEND]}"; done); do
    for _ in $(seq 1 60); do
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $t" "$url")
      [[ "$code" == 200 ]] && break
      sleep 2
    done
    [[ "$code" == 200 ]] || { echo "gateway bench: $url answers $code" >&2; exit 1; }
    # warm-up (the JIT), every path
    if [[ "$BACKEND" == completion ]]; then
      # by count: C2 compiles the completion's path after thousands of calls, which a loaded machine's 10 s do not make
      warmed=0
      for _ in $(seq 1 20); do
        ensure_activities
        read -r _ _ _ ok _ <<<"$(saturate "${url%"${DIRECT_PATH[$BACKEND]}"}" "$t")"
        warmed=$((warmed + ok))
        ((warmed < COMPLETION_WARMUP)) || break
      done
      echo "warm-up: $warmed completions through ${url%"${DIRECT_PATH[$BACKEND]}"}, load average $(load)" >&2
    else
      wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -H "Authorization: Bearer $t" "$url" >/dev/null
    fi
  done
  settle 300
  # the base URLs from here on for completions (complete.lua writes the paths)
  [[ "$BACKEND" != completion ]] || { d="$ACTIVITY"; DIRECT_PATH[completion]=""; }
  levels="${LEVELS//,/ } saturation"
  # completions: saturation only (each paced POST would need an activity of its own too; the goal is a rate)
  [[ "$BACKEND" != completion ]] || levels=saturation
  [[ "$levels" == saturation ]] || read -r sat _ <<<"$(saturate "$d" "$t")"
  for level in $levels; do
    la="$(load)"
    fresh_token "$BACKEND"
    # completions: the activities of this run and of its profiled run, imported before any is measured
    if [[ "$BACKEND" == completion ]]; then
      if [[ "$PROFILE" == true ]]; then ensure_activities $((2 * (1 + ${#GATEWAYS[@]}))); else ensure_activities $((1 + ${#GATEWAYS[@]})); fi
    fi
    if [[ $level == saturation ]]; then
      rate="-"
      read -r drps dp50 dp99 _ dbad dworkers _ dscpu ddcpu _ dsjit <<<"$(measured direct saturate "$d" "$t")"
    else
      rate=$(awk -v s="$sat" -v l="$level" 'BEGIN {printf "%.0f", s * l / 100}')
      read -r drps dp50 dp99 _ dbad dworkers _ dscpu ddcpu _ dsjit <<<"$(measured direct paced "$d" "$t" "$rate")"
    fi
    for name in "${GATEWAYS[@]}"; do
      g="${GW_URL[$name]}${DIRECT_PATH[$BACKEND]}"
      if [[ $level == saturation ]]; then
        read -r grps gp50 gp99 _ gbad gworkers gcpu gscpu gdcpu gjit gsjit <<<"$(measured "$name" saturate "$g" "$t")"
      else
        read -r grps gp50 gp99 _ gbad gworkers gcpu gscpu gdcpu gjit gsjit <<<"$(measured "$name" paced "$g" "$t" "$rate")"
      fi
      lb="$la → $(load)"
      ap50=$(awk -v a="$gp50" -v b="$dp50" 'BEGIN {printf "%.2f", a - b}')
      ap99=$(awk -v a="$gp99" -v b="$dp99" 'BEGIN {printf "%.2f", a - b}')
      ratio=$(awk -v a="$grps" -v b="$drps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
      if [[ $level == saturation ]]; then
        label="saturation (wrk -c $CONNECTIONS)"
        rates="$drps → $grps"
      else
        label="$level % of $sat req/s (hey -c $gworkers)"
        rates="$drps → $grps"
        # a paced run that did not reach 95 % of the offered rate measured a saturated path
        for got in "$drps" "$grps"; do
          if awk -v g="$got" -v r="$rate" 'BEGIN {exit !(g < 0.95 * r)}'; then SHORT=1; fi
        done
        awk -v g="$drps" -v r="$rate" 'BEGIN {exit !(g < 0.95 * r)}' && rates="$drps (short) → $grps" || true
        awk -v g="$grps" -v r="$rate" 'BEGIN {exit !(g < 0.95 * r)}' && rates="$rates (short)" || true
      fi
      [[ "$dbad" == 0 && "$gbad" == 0 ]] || { NON2XX=1; rates="$rates (non-2xx: $dbad / $gbad)"; }
      if [[ "$dscpu" == - ]]; then service="-"
      elif [[ "$ddcpu" == - ]]; then service="$dscpu (JIT $dsjit) → $gscpu (JIT $gsjit)"
      else service="$dscpu (JIT $dsjit) + $ddcpu = $((dscpu + ddcpu)) → $gscpu (JIT $gsjit) + $gdcpu = $((gscpu + gdcpu))"; fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$BACKEND" "$level" "$name" "$rate" \
        "$drps" "$dp50" "$dp99" "$grps" "$gp50" "$gp99" "$ap50" "$ap99" "$gcpu" "$ratio" "$dbad" "$gbad" "$dworkers" \
        "$gworkers" "$lb" "$dscpu" "$gscpu" "$ddcpu" "$gdcpu" "$gjit" "$dsjit" "$gsjit" >>"$TSV"
      printf '| %s | %s | %s | %s | %s / %s | %s / %s | %s / %s | %s | %s | %s | %s |\n' "$BACKEND" "$label" "$name" "$rates" \
        "$dp50" "$dp99" "$gp50" "$gp99" "$ap50" "$ap99" "$gcpu (JIT $gjit)" "$ratio" "$service" "$lb" >>"$MD"
    done
  done
done
{
  echo
  echo "Rates: direct → through the gateway (req/s reached; completion: completions/s, answers 200 only). Added = gateway − direct"
  echo "at the same offered rate (hey, paced) or both saturated (wrk). CPU: a process's user+system time over the run ÷ its"
  echo "requests: the gateway's; the service's behind it and its PostgreSQL backends' (the stack's, on that service's"
  echo "database), direct → through the gateway; \"JIT\": the part of it that the JVM's C1/C2 compiler threads used (a JVM's JIT"
  echo "on a loaded machine compiles for minutes; not a cost per request in a steady state). Throughput ratio: gateway ÷ direct"
  echo "req/s (at saturation: the issue's ratio)."
  [[ $SHORT == 0 ]] || echo "\"short\": that path reached less than 95 % of the offered rate, so its latencies are those of a saturated path."
  [[ $NON2XX == 0 ]] || echo "non-2xx: answers other than 2xx (direct / gateway; completion: other than 200, and socket errors), counted in the CPU per request."
  [[ ",$BACKENDS," != *,completion,* ]] || echo "completion: each request completes another activity imported for the run ($(wc -l <"$IDS") imported, $(cat "$NEXT_ID") used; wrk output in $OUT/logs/completion-wrk.log)."
  if [[ "$PROFILE" == true ]]; then
    echo
    echo "Profiles (JFR, Java sampled every 2 ms, during one more saturation run through each gateway; the stack's service during"
    echo "that run and one more direct one): $OUT/profile-*-top.txt"
  fi
} >>"$MD"
cat "$MD"
echo "(also $TSV)"
