#!/usr/bin/env bash
# Runs the containers' health checks where nothing else does: Podman schedules HEALTHCHECKs with systemd
# timers, and machines without systemd (like these sandboxes) never run them, so compose's
# "condition: service_healthy" would wait for ever. This loop runs `podman healthcheck run` for every
# running container that has a health check, every LOA_HEALTHCHECK_INTERVAL seconds (default 10), until killed.
#   infra/compose/healthchecks.sh &   ...   kill $!
set -uo pipefail
interval="${LOA_HEALTHCHECK_INTERVAL:-10}"
while :; do
  for c in $(podman ps --filter status=running --format '{{.ID}}' 2>/dev/null); do
    # "starting" or "healthy"/"unhealthy" only for containers that have a health check.
    if [[ -n "$(podman inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$c" 2>/dev/null)" ]]; then
      podman healthcheck run "$c" >/dev/null 2>&1 &
    fi
  done
  wait
  sleep "$interval"
done
