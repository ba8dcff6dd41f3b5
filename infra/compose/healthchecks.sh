#!/usr/bin/env bash
# Runs the containers' health checks where nothing else does: Podman schedules HEALTHCHECKs with systemd
# timers, and machines without systemd (like these sandboxes) never run them, so compose's
# "condition: service_healthy" would wait for ever. Until killed, this runs `podman healthcheck run` for every
# running container that has a health check: every LOA_HEALTHCHECK_STARTING_INTERVAL seconds (default 3) while it
# is "starting", so that a service is seen ready (and what waits on it started) soon after it is, and every
# LOA_HEALTHCHECK_INTERVAL seconds (default 10) once it is healthy or unhealthy.
# Each container on its own: a check still running (a JVM slow to answer on a loaded machine, up to the check's
# timeout) holds back only that container's next check. (One round for all that waited for its slowest check
# once saw four ready services 90 s late at a load average of 50.)
#   infra/compose/healthchecks.sh &   ...   kill $!
set -uo pipefail
interval="${LOA_HEALTHCHECK_INTERVAL:-10}"
starting_interval="${LOA_HEALTHCHECK_STARTING_INTERVAL:-3}"
declare -A in_flight=() last=()
# The checks in flight end with this loop.
trap 'kill $(jobs -p) 2>/dev/null; exit 0' TERM INT
while :; do
  # One `podman ps` a round: its status says "(starting)", "(healthy)" or "(unhealthy)" for containers with a check.
  while read -r id status; do
    case "$status" in
      *"(starting)"*) every=$starting_interval ;;
      *"(healthy)"* | *"(unhealthy)"*) every=$interval ;;
      *) continue ;;
    esac
    pid="${in_flight[$id]:-}"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then continue; fi
    ((SECONDS - ${last[$id]:--1000} >= every)) || continue
    podman healthcheck run "$id" >/dev/null 2>&1 &
    in_flight[$id]=$! last[$id]=$SECONDS
  done < <(podman ps --filter status=running --format '{{.ID}} {{.Status}}' 2>/dev/null)
  jobs >/dev/null  # lets bash forget the checks that ended
  sleep 1
done
