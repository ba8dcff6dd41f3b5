#!/usr/bin/env bash
# ./loa images: builds every image Loa runs in containers, reusing whatever is already built.
#   base images     localhost/loa/base-jre:17, base-jdk:17, trixie:13   (base-images.sh, Debian packages;
#                   skipped with LOA_IMAGE_BASES=public: the Dockerfiles' public defaults are pulled instead)
#   infrastructure  localhost/loa/postgres:17 (Debian 13's postgresql-17), localhost/loa/kafka:<version>
#                   (Apache Kafka's jars from Maven Central)
#   services        loa/<service>:0.1.0 for the five services (their Dockerfiles, build context = repository)
# Podman's layer cache makes a rebuild with unchanged sources take seconds: the five Dockerfiles share one
# build stage (it builds all five jars), so a source change costs one Maven build, not five.
# Environment: LOA_IMAGE_BASES=local|public (default local), LOA_IMAGES="postgres kafka plan-service …" (a
# subset), LOA_IMAGE_CACHE (default /var/cache/loa-images), CONTAINER_CLI (default podman).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CLI="${CONTAINER_CLI:-podman}"
BASES="${LOA_IMAGE_BASES:-local}"
VERSION=0.1.0
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' infra/images/kafka/pom.xml)"
SERVICES=(plan-service activity-service reporting-service notification-service gateway)
read -r -a WANTED <<<"${LOA_IMAGES:-postgres kafka ${SERVICES[*]}}"

say() { echo "images: $*" >&2; }
wanted() { [[ " ${WANTED[*]} " == *" $1 "* ]]; }
timings=()
timed() {
  local what="$1" started=$SECONDS; shift
  "$@"
  timings+=("$(printf '%-24s %4d s' "$what" $((SECONDS - started)))")
}

command -v "$CLI" >/dev/null || { say "$CLI not found (infra/images/podman-setup.sh installs Podman)"; exit 1; }

build_args=()
if [[ "$BASES" == local ]]; then
  [[ "$(id -u)" == 0 ]] || { say "local base images need root (debootstrap); or LOA_IMAGE_BASES=public"; exit 1; }
  timed "base images" infra/images/base-images.sh
  build_args=(--build-arg JDK_IMAGE=localhost/loa/base-jdk:17 --build-arg JRE_IMAGE=localhost/loa/base-jre:17)
fi

build() {
  local image="$1"; shift
  say "building $image"
  # docker format: OCI images drop HEALTHCHECK. Quiet: one line per step is too much for CI logs.
  "$CLI" build --format docker --layers -q "${build_args[@]}" -t "$image" "$@" >/dev/null
}

if wanted postgres; then
  [[ "$BASES" == local ]] || say "postgres: the public postgres:17 image is used as it is (nothing to build)"
  [[ "$BASES" != local ]] || timed "postgres" build localhost/loa/postgres:17 infra/images/postgres
fi
if wanted kafka; then
  if [[ "$BASES" == local ]]; then
    kafka_image() {
      ./mvnw -B -q -ntp -f infra/images/kafka/pom.xml package
      build "localhost/loa/kafka:$KAFKA_VERSION" infra/images/kafka
    }
    timed "kafka" kafka_image
  else
    say "kafka: the public apache/kafka image is used as it is (nothing to build)"
  fi
fi
# The five images are built from one snapshot of the sources (tracked and new files, as git sees them; the
# .dockerignore'd build output is left out anyway): the shared build stage then hits the layer cache for the
# four images after the first, even while someone edits the working tree during the build.
context="$ROOT"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  context="$(mktemp -d "${TMPDIR:-/tmp}/loa-image-context.XXXXXX")"
  trap 'rm -rf "$context"' EXIT
  (cd "$ROOT" && git ls-files -z -co --exclude-standard | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf -) | tar -xf - -C "$context"
  # Same modification times for the same content, so that COPY . . of an unchanged tree is a cache hit.
  # (Not the epoch: a file time of 0 reads as "no such file" to Java, and Maven's archiver then leaves the
  # unfiltered resources out of the jar.)
  find "$context" -exec touch -h -d 2000-01-01T00:00:00Z {} +
fi
for svc in "${SERVICES[@]}"; do
  wanted "$svc" || continue
  # docker.io/ as well: Docker-API clients (compose) ask Podman for the short name as docker.io/loa/….
  timed "$svc" build "loa/$svc:$VERSION" -t "docker.io/loa/$svc:$VERSION" -f "$context/$svc/Dockerfile" "$context"
done

# Every source change leaves the images it superseded behind, untagged (a build stage is ~1 GB): on a machine that
# keeps its image store (CI's), they would pile up run after run. Dangling ones only, older than 10 minutes (not
# the layers of a build running beside this one); the layers of the current images stay, the cache of the next build.
if [[ "${LOA_IMAGE_PRUNE:-true}" == true ]]; then
  pruned="$("$CLI" image prune -f --filter until=10m 2>/dev/null | wc -l || true)"
  ((pruned == 0)) || say "removed $pruned superseded image layers (LOA_IMAGE_PRUNE=false keeps them)"
fi
echo "Build times:"; printf '  %s\n' "${timings[@]}"
echo "Images:"
"$CLI" images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'loa/' | grep -v '^docker.io/' | sort | sed 's/^/  /'
