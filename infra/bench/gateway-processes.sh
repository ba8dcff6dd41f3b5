#!/usr/bin/env bash
# The gateway benchmark of issue 17 item 2, every party a process of its own (./loa bench --gateway):
#   - load generators: wrk (saturation, closed loop) and hey (paced: a fixed request rate), from Debian;
#   - backends: a stub (Reactor Netty, 1 KB JSON; gateway's test class StubBackend), the real plan-service
#     (GET /api/org-units/lien-minh) and the real reporting-service (GET /api/dashboards/duc-tho?period=2022-Q1),
#     the last two in a local stack started here (./loa up with LOA_PORT_OFFSET, production JVM flags);
#   - the gateway under test: the built jar in a JVM of its own with production JVM flags, routing
#     /api/org-units to the stack's plan-service, /api/dashboards to its reporting-service and /api/notifications to
#     the stub (the stub answers any path), tokens of the stack's gateway (same signing key and issuer).
# For each backend: the direct path's saturation (wrk -c CONNECTIONS), then the same GET direct and through the
# gateway side by side at 25/50/75 % of that rate (hey -q), and both at saturation. Printed and written to
# target/bench/gateway/results.md and results.tsv: p50/p99 direct and through the gateway, the added latency, the
# gateway's CPU per request (/proc/<pid>/stat, user+system) and the throughput ratio at saturation, with the load
# average of each run.
#
# Options: --seconds N (per run, default 10) --connections N (default 8) --backends stub,plan,dashboard
#          --stack-offset N (use a stack already running with LOA_PORT_OFFSET=N instead of starting one)
# Environment: LOA_BENCH_GATEWAY_JAVA_OPTS (default: the images' flags with the heap of a 640 MiB container,
#              "-Xmx384m -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8": G1, C2), LOA_BENCH_GATEWAY_ENV (extra
#              NAME=value settings of the gateway under test, space-separated, to compare settings).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench/gateway"
mkdir -p "$OUT/logs"
SECONDS_PER_RUN=10
CONNECTIONS=8
BACKENDS="stub,plan,dashboard"
STACK_OFFSET=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --backends) BACKENDS="$2"; shift 2 ;;
    --stack-offset) STACK_OFFSET="$2"; shift 2 ;;
    *) echo "gateway bench: unknown option $1" >&2; exit 2 ;;
  esac
done
JAVA_OPTS="${LOA_BENCH_GATEWAY_JAVA_OPTS:--Xmx384m -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8}"
CLK_TCK="$(getconf CLK_TCK)"

need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $1 (Debian package)"; apt-get install -y "$1" >/dev/null; }; }
need wrk
need hey
load() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    ss -ltn "sport = :$port" | grep -q LISTEN || { echo "$port"; return; }
  done
}
wait_http() { # url, seconds
  for _ in $(seq 1 "$2"); do curl -s -o /dev/null "$1" && return 0; sleep 1; done
  echo "gateway bench: no answer from $1" >&2; return 1
}

PIDS=()
STARTED_STACK=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$STARTED_STACK" ]]; then LOA_PORT_OFFSET="$STARTED_STACK" ./loa down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

GATEWAY_JAR="$(ls gateway/target/loa-gateway-*.jar 2>/dev/null | grep -v original | head -1)"
if [[ -z "$GATEWAY_JAR" || ! -f gateway/target/test-classes/vn/loa/gateway/bench/StubBackend.class ]]; then
  echo "building the gateway: ./mvnw -q -DskipTests package -pl gateway -am"
  ./mvnw -q -o -DskipTests package -pl gateway -am
  GATEWAY_JAR="$(ls gateway/target/loa-gateway-*.jar | grep -v original | head -1)"
fi

# ---------------------------------------------------------------- backends
STUB_PORT="$(free_port)"
java $JAVA_OPTS -cp "gateway/target/test-classes:$(cat gateway/target/test.classpath)" vn.loa.gateway.bench.StubBackend "$STUB_PORT" \
  >"$OUT/logs/stub.log" 2>&1 &
PIDS+=($!)

if [[ ",$BACKENDS," == *,plan,* || ",$BACKENDS," == *,dashboard,* ]]; then
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

# ---------------------------------------------------------------- the gateway under test
GW_PORT="$(free_port)"
MGMT_PORT="$(free_port)"
GW_ENV=(SERVER_PORT="$GW_PORT" MANAGEMENT_SERVER_PORT="$MGMT_PORT"
  LOA_SERVICES_PLAN_URI="$PLAN" LOA_SERVICES_REPORTING_URI="$REPORTING"
  LOA_SERVICES_ACTIVITY_URI="http://127.0.0.1:$STUB_PORT" LOA_SERVICES_NOTIFICATION_URI="http://127.0.0.1:$STUB_PORT"
  LOA_AUTH_ISSUER_URI="$STACK_GATEWAY" LOA_DEMODATA_ENABLED=true
  LOA_LIMITS_PERUSER_CAPACITY=100000000 LOA_LIMITS_PERUSER_REFILLPERSECOND=100000000)
# Without a stack the gateway signs its own tokens with a key of this run; with one, the stack gateway's key (the
# default key file, shared) so that the services accept the same tokens.
[[ -n "$STACK_OFFSET" ]] || GW_ENV+=(LOA_AUTH_KEY_FILE="$OUT/jwt-signing-key.pem")
# shellcheck disable=SC2206
EXTRA_ENV=(${LOA_BENCH_GATEWAY_ENV:-})
env "${GW_ENV[@]}" "${EXTRA_ENV[@]}" java $JAVA_OPTS -jar "$GATEWAY_JAR" >"$OUT/logs/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
GATEWAY="http://127.0.0.1:$GW_PORT"
wait_http "http://127.0.0.1:$STUB_PORT/" 120
wait_http "$GATEWAY/actuator/health/readiness" 300 || wait_http "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" 60

token() { # user
  if [[ -n "$STACK_OFFSET" ]]; then
    curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo\"}" \
      "$STACK_GATEWAY/auth/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
  else
    curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo\"}" \
      "$GATEWAY/auth/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
  fi
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wrk at saturation: prints "rps p50_ms p99_ms requests"
saturate() { # url token
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $2" "$1" | awk '
    /Requests\/sec/ {rps=$2}
    / 50%/ {p50=$2} / 99%/ {p99=$2}
    /requests in/ {n=$1}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.1f %.3f %.3f %d\n", rps, ms(p50), ms(p99), n}'
}

# hey at a fixed total rate: prints "rps p50_ms p99_ms requests"
paced() { # url token rate
  local per_worker
  per_worker=$(awk -v r="$3" -v c="$CONNECTIONS" 'BEGIN {q = r / c; if (q < 1) q = 1; printf "%.0f", q}')
  hey -z "${SECONDS_PER_RUN}s" -c "$CONNECTIONS" -q "$per_worker" -H "Authorization: Bearer $2" "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /50% in/ {p50=$3*1000} /99% in/ {p99=$3*1000}
    /\[200\]/ {n=$2}
    END {printf "%.1f %.3f %.3f %d\n", rps, p50, p99, n}'
}

# one measured run through the gateway: the tool's figures plus the gateway's CPU µs per request
through_gateway() { # mode url token [rate]
  local before after figures requests
  before=$(cpu_ticks "$GW_PID")
  if [[ "$1" == saturate ]]; then figures=$(saturate "$2" "$3"); else figures=$(paced "$2" "$3" "$4"); fi
  after=$(cpu_ticks "$GW_PID")
  requests=$(echo "$figures" | awk '{print $4}')
  echo "$figures $(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN {printf "%.0f", n > 0 ? t * 1e6 / hz / n : 0}')"
}

LIEN_MINH="$(token lienminh.vhtt)"
DUC_THO="$(token ductho.vhtt)"
[[ -n "$LIEN_MINH" && "$LIEN_MINH" != *"{"* ]] || { echo "no token from $STACK_GATEWAY" >&2; exit 1; }

declare -A DIRECT_URL GATEWAY_URL TOKEN
DIRECT_URL[stub]="http://127.0.0.1:$STUB_PORT/api/notifications/bench"; GATEWAY_URL[stub]="$GATEWAY/api/notifications/bench"; TOKEN[stub]="$LIEN_MINH"
DIRECT_URL[plan]="$PLAN/api/org-units/lien-minh"; GATEWAY_URL[plan]="$GATEWAY/api/org-units/lien-minh"; TOKEN[plan]="$LIEN_MINH"
DIRECT_URL[dashboard]="$REPORTING/api/dashboards/duc-tho?period=2022-Q1"; GATEWAY_URL[dashboard]="$GATEWAY/api/dashboards/duc-tho?period=2022-Q1"; TOKEN[dashboard]="$DUC_THO"

TSV="$OUT/results.tsv"
MD="$OUT/results.md"
printf 'backend\tload\trate_req_s\tdirect_rps\tdirect_p50_ms\tdirect_p99_ms\tgateway_rps\tgateway_p50_ms\tgateway_p99_ms\tadded_p50_ms\tadded_p99_ms\tgateway_cpu_us_per_req\tratio_rps\tloadavg\n' >"$TSV"
{
  echo "# Gateway benchmark (separate processes), $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "$(nproc) cores, load average at start $(load); $SECONDS_PER_RUN s per run, $CONNECTIONS connections; JVM flags: $JAVA_OPTS${LOA_BENCH_GATEWAY_ENV:+; gateway settings: $LOA_BENCH_GATEWAY_ENV}"
  echo
  echo "| backend | load | req/s direct → gateway | direct p50 / p99 ms | gateway p50 / p99 ms | added p50 / p99 ms | gateway CPU µs/req | throughput ratio | load avg |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
} >"$MD"

for backend in ${BACKENDS//,/ }; do
  d="${DIRECT_URL[$backend]}"; g="${GATEWAY_URL[$backend]}"; t="${TOKEN[$backend]}"
  # The first answers of a JVM that has just started may pass the gateway's 3 s time limit (503) on a busy machine.
  for url in "$d" "$g"; do
    for _ in $(seq 1 60); do
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $t" "$url")
      [[ "$code" == 200 ]] && break
      sleep 2
    done
    [[ "$code" == 200 ]] || { echo "gateway bench: $url answers $code" >&2; exit 1; }
  done
  # warm-up (the JIT), both paths
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -H "Authorization: Bearer $t" "$d" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -H "Authorization: Bearer $t" "$g" >/dev/null
  read -r sat _ <<<"$(saturate "$d" "$t")"
  for level in 25 50 75 saturation; do
    la="$(load)"
    if [[ $level == saturation ]]; then
      read -r drps dp50 dp99 _ <<<"$(saturate "$d" "$t")"
      read -r grps gp50 gp99 _ gcpu <<<"$(through_gateway saturate "$g" "$t")"
      rate="-"
    else
      rate=$(awk -v s="$sat" -v l="$level" 'BEGIN {printf "%.0f", s * l / 100}')
      read -r drps dp50 dp99 _ <<<"$(paced "$d" "$t" "$rate")"
      read -r grps gp50 gp99 _ gcpu <<<"$(through_gateway paced "$g" "$t" "$rate")"
    fi
    la="$la → $(load)"
    ap50=$(awk -v a="$gp50" -v b="$dp50" 'BEGIN {printf "%.2f", a - b}')
    ap99=$(awk -v a="$gp99" -v b="$dp99" 'BEGIN {printf "%.2f", a - b}')
    ratio=$(awk -v a="$grps" -v b="$drps" 'BEGIN {printf "%.2f", b > 0 ? a / b : 0}')
    label=$([[ $level == saturation ]] && echo "saturation (wrk)" || echo "$level % of $sat req/s (hey)")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$level" "$rate" "$drps" "$dp50" "$dp99" \
      "$grps" "$gp50" "$gp99" "$ap50" "$ap99" "$gcpu" "$ratio" "$la" >>"$TSV"
    printf '| %s | %s | %s → %s | %s / %s | %s / %s | %s / %s | %s | %s | %s |\n' "$backend" "$label" "$drps" "$grps" \
      "$dp50" "$dp99" "$gp50" "$gp99" "$ap50" "$ap99" "$gcpu" "$ratio" "$la" >>"$MD"
  done
done
echo >>"$MD"
echo "Rates: direct → through the gateway (req/s). Added = gateway − direct at the same offered rate. CPU: the gateway process's user+system time over the run ÷ its requests." >>"$MD"
cat "$MD"
echo "(also $TSV)"
