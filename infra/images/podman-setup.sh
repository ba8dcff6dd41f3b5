#!/usr/bin/env bash
# Makes Podman usable on a Debian machine without a Docker engine (issue 21), then prints the Docker API
# socket to use (DOCKER_HOST). Idempotent: every step is skipped when already done.
#   infra/images/podman-setup.sh            install (root only) + configure + start the API service
#   infra/images/podman-setup.sh --check    only say whether Podman answers (exit 1 if not)
#   infra/images/podman-setup.sh --stop     stop the API service this script started (its pid file), if it runs
# Installs with apt-get only as root (CI runs as root); otherwise it says what is missing and exits 1.
set -euo pipefail

SOCKET_PATH="${LOA_PODMAN_SOCKET:-/run/podman/podman.sock}"
LOG="${LOA_PODMAN_LOG:-/var/log/loa-podman-service.log}"
PIDFILE="$(dirname "$SOCKET_PATH")/loa-podman-service.pid"

say() { echo "podman-setup: $*" >&2; }

answers() { curl -s -m 5 --unix-socket "$SOCKET_PATH" http://d/_ping 2>/dev/null | grep -q OK; }

if [[ "${1:-}" == --stop ]]; then
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  # Only the service this script started: the pid file's process, and only if it is a podman system service.
  if [[ -n "$pid" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'podman system service'; then
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    say "stopped the API service (pid $pid)"
  fi
  rm -f "$PIDFILE"
  exit 0
fi

if [[ "${1:-}" == --check ]]; then
  answers && { echo "unix://$SOCKET_PATH"; exit 0; }
  say "no Docker API answers at $SOCKET_PATH"; exit 1
fi

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# runc, not crun: crun refuses this sandbox's hybrid cgroup layout ("cgroups in hybrid mode not supported").
command -v runc >/dev/null 2>&1 || missing+=(runc)
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing: ${missing[*]}; installing them needs root and apt-get"; exit 1
  fi
  say "installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Sandboxes like this one refuse to change rlimits: without the two [containers] settings runc fails with
# "error setting rlimit type 7: operation not permitted"; crun refuses their hybrid cgroups. Harmless elsewhere.
if [[ "$(id -u)" == 0 ]]; then
  conf=/etc/containers/containers.conf
  if ! grep -qs 'loa: podman-setup v2' "$conf"; then
    mkdir -p /etc/containers
    [[ -f "$conf" ]] && cp "$conf" "$conf.before-loa"
    cat >"$conf" <<'CONF'
# loa: podman-setup v2 (infra/images/podman-setup.sh): the sandbox refuses rlimit changes.
[containers]
default_ulimits = []
pids_limit = 0
[engine]
runtime = "runc"
CONF
    say "wrote $conf"
    # A service started by this script before read the old settings: start it again.
    if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      kill "$(cat "$PIDFILE")"; sleep 1
    fi
  fi
fi

# A Compose v2 client for Podman's Docker API. Debian 12 only has Compose v1 (1.29), which refuses the
# Compose Specification's top-level "name" and knows no "service_completed_successfully" ordering as v2
# does; Debian 13 packages v2 (2.26). Its .deb is fetched by name from Debian 13 with a private apt state
# (the machine's own sources are left alone) and its single static binary installed as a CLI plugin.
compose_v2() { docker compose version 2>/dev/null | grep -q 'version v\?2' || docker-compose version 2>/dev/null | grep -q 'version v\?2'; }
if ! compose_v2 && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  cache="${LOA_IMAGE_CACHE:-/var/cache/loa-images}/apt-trixie"
  deb="$(ls "$cache"/docker-compose_2*.deb 2>/dev/null | tail -1 || true)"
  if [[ -z "$deb" ]]; then
    say "fetching Debian 13's docker-compose (Compose v2) package"
    mkdir -p "$cache"/etc/apt/sources.list.d "$cache"/etc/apt/preferences.d "$cache"/var/lib/apt/lists/partial \
             "$cache"/var/cache/apt/archives/partial "$cache"/var/lib/dpkg
    touch "$cache"/var/lib/dpkg/status
    echo "deb ${LOA_DEBIAN_MIRROR:-http://deb.debian.org/debian} trixie main" >"$cache"/etc/apt/sources.list
    apt_private=(-o "Dir=$cache" -o "Dir::State::status=$cache/var/lib/dpkg/status" -o Dir::Etc::trusted=/etc/apt/trusted.gpg
                 -o Dir::Etc::TrustedParts=/etc/apt/trusted.gpg.d -o APT::Architecture=amd64 -o APT::Sandbox::User=root)
    apt-get "${apt_private[@]}" update -qq && (cd "$cache" && apt-get "${apt_private[@]}" download -qq docker-compose) \
      || say "could not fetch docker-compose from Debian 13"
    deb="$(ls "$cache"/docker-compose_2*.deb 2>/dev/null | tail -1 || true)"
  fi
  if [[ -n "$deb" ]]; then
    extract="$(mktemp -d)"
    dpkg-deb -x "$deb" "$extract"
    install -D -m 755 "$extract/usr/libexec/docker/cli-plugins/docker-compose" /usr/local/lib/docker/cli-plugins/docker-compose
    ln -sf /usr/local/lib/docker/cli-plugins/docker-compose /usr/local/bin/docker-compose
    rm -rf "$extract"
    say "installed Compose v2 from $(basename "$deb")"
  fi
fi
compose_v2 || say "no Compose v2 client: docker compose / docker-compose v2 are needed for docker-compose.yml"

if ! answers; then
  mkdir -p "$(dirname "$SOCKET_PATH")"
  say "starting podman system service on unix://$SOCKET_PATH (log $LOG)"
  # setsid: the service outlives this script and the shell that ran it.
  setsid podman system service --time=0 "unix://$SOCKET_PATH" >>"$LOG" 2>&1 < /dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 30); do answers && break; sleep 1; done
  answers || { say "the service did not answer in 30 s (see $LOG)"; exit 1; }
fi
echo "unix://$SOCKET_PATH"
