#!/usr/bin/env bash
# Base images built from Debian packages, for machines that reach Debian's mirrors but no image registry
# (issue 21). Each is built once and kept: in Podman's storage, and as a root file system tarball under
# $LOA_IMAGE_CACHE (default /var/cache/loa-images) so that a wiped image store costs no new debootstrap.
#   localhost/loa/base-jre:17   Debian 12 minbase + openjdk-17-jre-headless    (stands in for eclipse-temurin:17-jre)
#   localhost/loa/base-jdk:17   the same + openjdk-17-jdk-headless             (stands in for eclipse-temurin:17-jdk)
#   localhost/loa/trixie:13     Debian 13 minbase + postgresql-17              (base of localhost/loa/postgres:17)
# The Java images also trust the machine's own extra certificate authorities ($LOA_EXTRA_CA_DIR, default
# /usr/local/share/ca-certificates: e.g. a TLS-inspecting egress proxy, as on these sandboxes), as the
# machine does: without them Maven in the build stage cannot download anything. They are added as a layer
# over the cached root file system (localhost/loa/debian-{jre,jdk}-rootfs:17), never into the tarballs.
# Usage: infra/images/base-images.sh [jre|jdk|postgres-base]...   (default: all); needs root and podman.
set -euo pipefail

CACHE="${LOA_IMAGE_CACHE:-/var/cache/loa-images}"
MIRROR="${LOA_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
JRE_IMAGE=localhost/loa/base-jre:17
JDK_IMAGE=localhost/loa/base-jdk:17
TRIXIE_IMAGE=localhost/loa/trixie:13
JAVA_HOME_DIR=/usr/lib/jvm/java-17-openjdk-amd64

say() { echo "base-images: $*" >&2; }
have_image() { podman image exists "$1"; }

# Debootstrap leaves apt's downloads and lists behind; images do not need them.
slim() {
  local root="$1"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/tmp/* || true
  # Files only: packages installed later (update-alternatives) expect the directories.
  find "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/info -type f -delete 2>/dev/null || true
}

in_chroot() {
  local root="$1" rc=0; shift
  mount -t proc proc "$root/proc"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@" || rc=$?
  umount "$root/proc"
  return "$rc"
}

debootstrap_to() {
  local suite="$1" root="$2" include="$3" started=$SECONDS
  rm -rf "$root"; mkdir -p "$root"
  say "debootstrap $suite (minbase + $include) into $root; takes a few minutes"
  debootstrap --variant=minbase --include="$include" "$suite" "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; say "debootstrap $suite failed (log: $root.log)"; return 1; }
  say "debootstrap $suite took $((SECONDS - started)) s"
}

import_tar() {
  local tar="$1" image="$2"; shift 2
  local started=$SECONDS
  podman import -q "$@" --change 'CMD ["/bin/bash"]' "$tar" "$image" >/dev/null
  say "imported $image in $((SECONDS - started)) s ($(du -h "$tar" | cut -f1) tarball)"
}

java_changes=(--change "ENV JAVA_HOME=$JAVA_HOME_DIR" --change 'ENV LANG=C.UTF-8'
              --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')

java_bases() {
  local jre_tar="$CACHE/bookworm-jre17.tar" jdk_tar="$CACHE/bookworm-jdk17.tar" root="$CACHE/rootfs-bookworm"
  if [[ ! -f "$jre_tar" || ! -f "$jdk_tar" ]]; then
    if [[ ! -f "$jre_tar" ]]; then
      debootstrap_to bookworm "$root" openjdk-17-jre-headless,ca-certificates,passwd
      slim "$root"
      tar -C "$root" -cf "$jre_tar.part" . && mv "$jre_tar.part" "$jre_tar"
    else
      # The JRE is there already: the JDK image starts from it.
      rm -rf "$root"; mkdir -p "$root"; tar -C "$root" -xf "$jre_tar"
    fi
    say "adding openjdk-17-jdk-headless for the build image"
    # update-alternatives links the tools' manual pages: their directories must exist.
    mkdir -p "$root"/usr/share/man/man1
    in_chroot "$root" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless >/dev/null'
    slim "$root"
    tar -C "$root" -cf "$jdk_tar.part" . && mv "$jdk_tar.part" "$jdk_tar"
    rm -rf "$root"
  fi
  have_image localhost/loa/debian-jre-rootfs:17 || import_tar "$jre_tar" localhost/loa/debian-jre-rootfs:17 "${java_changes[@]}"
  have_image localhost/loa/debian-jdk-rootfs:17 || import_tar "$jdk_tar" localhost/loa/debian-jdk-rootfs:17 "${java_changes[@]}"
  with_machine_cas localhost/loa/debian-jre-rootfs:17 "$JRE_IMAGE"
  with_machine_cas localhost/loa/debian-jdk-rootfs:17 "$JDK_IMAGE"
}

# FROM rootfs + the machine's extra CA certificates (update-ca-certificates also refreshes Java's cacerts).
with_machine_cas() {
  local from="$1" image="$2" context
  context="$(mktemp -d)"
  mkdir -p "$context/ca"
  cp "${LOA_EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"/*.crt "$context/ca/" 2>/dev/null || true
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM $from
COPY ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null 2>&1 && ls /usr/local/share/ca-certificates | wc -l | xargs echo "extra CA certificates:"
DOCKERFILE
  podman build --format docker --layers -q -t "$image" "$context" >/dev/null
  rm -rf "$context"
}

postgres_base() {
  local tar="$CACHE/trixie-postgresql17.tar" root="$CACHE/rootfs-trixie"
  if [[ ! -f "$tar" ]]; then
    debootstrap_to trixie "$root" postgresql-17,postgresql-client-17,ca-certificates
    # postgresql-common makes a cluster "main" on install; the image's entrypoint makes its own.
    rm -rf "$root"/var/lib/postgresql/17/main "$root"/etc/postgresql/17/main
    slim "$root"
    tar -C "$root" -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$root"
  fi
  have_image "$TRIXIE_IMAGE" || import_tar "$tar" "$TRIXIE_IMAGE" --change 'ENV LANG=C.UTF-8'
}

[[ "$(id -u)" == 0 ]] || { say "needs root (debootstrap, chroot)"; exit 1; }
command -v podman >/dev/null || { say "podman is missing: infra/images/podman-setup.sh"; exit 1; }
mkdir -p "$CACHE"
targets=("$@"); ((${#targets[@]})) || targets=(jre jdk postgres-base)
for target in "${targets[@]}"; do
  case "$target" in
    jre | jdk) java_bases ;;
    postgres-base) postgres_base ;;
    *) say "unknown target $target"; exit 2 ;;
  esac
done
