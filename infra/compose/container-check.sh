#!/usr/bin/env bash
# The compose stack under Podman, end to end (issue 21), on locally built images (./loa images):
#   1. docker-compose.yml + infra/compose/demo.yml up; every container healthy (timed)
#   2. the district scenario through the gateway on :8080 (infra/compose/scenario.sh)
#   3. Kafka ACLs: a service's principal is refused another service's topic, allowed its own dead letters
#   4. activity-service SIGKILLed right after a completion, then reporting-service: started again, nothing lost
#   5. down -v: no container, volume or network of the project left
# Exit 0 when every step held. Needs root or a Podman that answers (infra/images/podman-setup.sh), Compose v2,
# curl and jq, and the ports 8080-8084, 15432 and 19092 free. LOA_KEEP_STACK=true leaves the stack up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
say() { printf 'container-check: %s\n' "$*"; }
fail() { printf 'container-check: FAILED: %s\n' "$*" >&2; exit 1; }
results=()
passed() { results+=("PASS $1"); say "PASS $1"; }

DOCKER_HOST="$(infra/images/podman-setup.sh)" || fail "Podman does not answer"
export DOCKER_HOST
if docker compose version >/dev/null 2>&1; then compose_bin=(docker compose); else compose_bin=(docker-compose); fi
export LOA_POSTGRES_IMAGE="${LOA_POSTGRES_IMAGE:-localhost/loa/postgres:17}"
export LOA_KAFKA_IMAGE="${LOA_KAFKA_IMAGE:-localhost/loa/kafka:$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' infra/images/kafka/pom.xml)}"
compose() { "${compose_bin[@]}" -p loa -f docker-compose.yml -f infra/compose/demo.yml "$@"; }
SERVICES=(plan-service activity-service reporting-service notification-service gateway)

# A stack of an earlier run of this check (same project) goes first; anything else on the ports is not ours.
compose down -v --remove-orphans >/dev/null 2>&1 || true
for port in 8080 8081 8082 8083 8084 15432 19092; do
  if ss -Hltn "sport = :$port" | grep -q .; then fail "port $port is in use (./loa up running? ./loa down first)"; fi
done
for image in "$LOA_POSTGRES_IMAGE" "$LOA_KAFKA_IMAGE" "${SERVICES[@]/#/loa/}"; do
  [[ "$image" == loa/* ]] && image="$image:0.1.0"
  podman image exists "$image" || fail "image $image is missing: ./loa images"
done

healthchecks_pid=""
cleanup() {
  [[ -n "$healthchecks_pid" ]] && kill "$healthchecks_pid" 2>/dev/null || true
  if [[ "${LOA_KEEP_STACK:-false}" != true ]]; then compose down -v --remove-orphans >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
infra/compose/healthchecks.sh & healthchecks_pid=$!

health() { podman inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "loa-$1-1" 2>/dev/null || echo missing; }
wait_healthy() {
  local deadline=$((SECONDS + ${2:-600})) service
  for service in $1; do
    until [[ "$(health "$service")" == healthy ]]; do
      ((SECONDS < deadline)) || fail "$service is $(health "$service") after ${2:-600} s: $(compose logs --tail 30 "$service" 2>&1)"
      sleep 3
    done
  done
}

# 1. up
started=$SECONDS
compose up -d --no-build >/tmp/loa-container-check-up.log 2>&1 || { cat /tmp/loa-container-check-up.log; fail "compose up"; }
wait_healthy "postgres kafka ${SERVICES[*]}"
passed "compose up: every container healthy in $((SECONDS - started)) s ($("${compose_bin[@]}" version --short 2>/dev/null || true), Podman $(podman version --format '{{.Server.Version}}' 2>/dev/null || podman --version))"
compose ps --format 'table {{.Service}}\t{{.Status}}' 2>/dev/null || compose ps

# 2. the district scenario
infra/compose/scenario.sh http://localhost:8080 || fail "the district scenario"
passed "district scenario through the gateway on :8080"

# 3. ACLs, from inside the Kafka container as the services' principals
produce() {
  local user="$1" password="$2" topic="$3"
  compose exec -T kafka bash -c "cat >/tmp/$user.properties <<P
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$user\" password=\"$password\";
P
echo '{\"acl-check\":true}' | /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server kafka:9092 \
  --producer.config /tmp/$user.properties --topic $topic --request-required-acks all 2>&1" || true
}
refused=$(produce activity-service loa-kafka-activity loa.plan.events)
grep -q 'TopicAuthorizationException\|Not authorized to access topics' <<<"$refused" \
  || fail "activity-service wrote to loa.plan.events: $refused"
refused2=$(produce notification-service loa-kafka-notification loa.activity.events)
grep -q 'TopicAuthorizationException\|Not authorized to access topics' <<<"$refused2" \
  || fail "notification-service wrote to loa.activity.events: $refused2"
allowed=$(produce activity-service loa-kafka-activity loa.plan.events-dlt)
! grep -q 'Exception' <<<"$allowed" || fail "activity-service could not write its dead letters: $allowed"
wrong=$(produce activity-service wrong-password loa.activity.events)
grep -q 'SaslAuthenticationException\|Authentication failed' <<<"$wrong" || fail "a wrong password was accepted: $wrong"
passed "Kafka ACLs: activity-service refused on loa.plan.events, notification-service refused on loa.activity.events, activity-service allowed on loa.plan.events-dlt, a wrong password refused"

# 4. SIGKILL right after a completion, then start again: the completion reaches the dashboard
for victim in activity-service reporting-service; do
  LOA_AFTER_COMPLETE="podman kill --signal KILL loa-$victim-1 >/dev/null 2>&1 && sleep 2 && podman start loa-$victim-1 >/dev/null 2>&1" \
    infra/compose/scenario.sh http://localhost:8080 || fail "after killing $victim"
  wait_healthy "$victim" 300
  passed "$victim SIGKILLed right after a completion and started again: the completion is on the dashboard"
done

# 5. down leaves nothing
compose down -v --remove-orphans >/dev/null 2>&1
left="$(podman ps -a --filter label=com.docker.compose.project=loa --format '{{.Names}}'; \
        podman volume ls --filter label=com.docker.compose.project=loa --format '{{.Name}}'; \
        podman network ls --format '{{.Name}}' | grep '^loa_' || true)"
[[ -z "$left" ]] || fail "left behind after down: $left"
passed "down -v: no container, volume or network of the project left"

printf '%s\n' "${results[@]}"
say "all $((${#results[@]})) steps held"
