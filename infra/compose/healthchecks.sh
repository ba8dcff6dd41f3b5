#!/usr/bin/env bash
# Runs the containers' health checks where nothing else does: Podman schedules HEALTHCHECKs with systemd
# timers, and machines without systemd (like these sandboxes) never run them, so compose's
# "condition: service_healthy" would wait for ever. Until killed, this runs `podman healthcheck run` for every
# running container that has a health check, each container on its own:
#  - at its own interval (the health check's `interval`, LOA_HEALTHCHECK_INTERVAL seconds where it has none),
#    since Podman counts every failed run against `retries`: checked faster, a container would be unhealthy sooner;
#  - every LOA_HEALTHCHECK_STARTING_INTERVAL seconds (default 3) while it starts within its `start_period`, where
#    failures do not count, so that a service is seen ready (and what waits on it started) soon after it is;
#  - a check still running (a JVM slow to answer on a loaded machine) holds back only that container's next one.
#    (One round for all that waited for its slowest check once saw four ready services 90 s late at load 50.)
#   infra/compose/healthchecks.sh &   ...   kill $!
set -uo pipefail
default_interval="${LOA_HEALTHCHECK_INTERVAL:-10}"
starting_interval="${LOA_HEALTHCHECK_STARTING_INTERVAL:-3}"
declare -A in_flight=() last=() start_period=() interval=()
# The checks in flight end with this loop.
trap 'kill $(jobs -p) 2>/dev/null; exit 0' TERM INT
while :; do
  now="$(date +%s)"
  # One `podman ps` a round: the start time, and "(starting)", "(healthy)" or "(unhealthy)" for containers with a check.
  while read -r id started status; do
    [[ "$status" == *"(starting)"* || "$status" == *"(healthy)"* || "$status" == *"(unhealthy)"* ]] || continue
    if [[ -z "${interval[$id]:-}" ]]; then
      read -r period every < <(podman inspect --format \
        '{{printf "%.0f %.0f" .Config.Healthcheck.StartPeriod.Seconds .Config.Healthcheck.Interval.Seconds}}' "$id" 2>/dev/null)
      start_period[$id]="${period:-0}" interval[$id]="${every:-0}"
      ((interval[$id] > 0)) || interval[$id]="$default_interval"
    fi
    every="${interval[$id]}"
    if [[ "$status" == *"(starting)"* ]] && ((now - started < start_period[$id])); then every="$starting_interval"; fi
    pid="${in_flight[$id]:-}"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then continue; fi
    ((now - ${last[$id]:-0} >= every)) || continue
    podman healthcheck run "$id" >/dev/null 2>&1 &
    in_flight[$id]=$! last[$id]="$now"
  done < <(podman ps --filter status=running --format '{{.ID}} {{.StartedAt}} {{.Status}}' 2>/dev/null)
  jobs >/dev/null  # lets bash forget the checks that ended
  sleep 1
done
