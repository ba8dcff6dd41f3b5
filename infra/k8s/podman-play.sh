#!/usr/bin/env bash
# The Kubernetes base run by `podman kube play` on one machine (issue 21): renders overlays/podman, starts
# the five Deployments' pods against the compose file's PostgreSQL and Kafka, and checks that every pod's
# startup/liveness and readiness probes answer 200 where the kubelet would ask them. Then takes it all down.
#   infra/k8s/podman-play.sh          needs ./loa images, Podman (infra/images/podman-setup.sh), Compose v2,
#                                     kubectl, python3 with PyYAML, openssl, the ports of the compose stack free
# What Podman 4.3's kube play does not support is set aside and listed: Service, HorizontalPodAutoscaler,
# PodDisruptionBudget, NetworkPolicy, Job (the topics are created by compose's kafka-topics instead),
# Namespace; and Secrets: env from secrets and secret volumes are broken in 4.3 (a secret volume without
# "optional" crashes it; secretKeyRef needs a base64 JSON secret, a secret volume a YAML one), so the
# values are written into the pods' env here, the gateway's users file (made with its image's hash-password
# tool) is a host directory, and the Kafka CA volume (unused over SASL_PLAINTEXT) dropped;
# with the host's network kube play refuses containerPorts, so they go and the probes name the port number;
# dependent variables ($(POSTGRES_HOST) in SPRING_DATASOURCE_URL) are not expanded by kube play: done here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
say() { printf 'kube-play: %s\n' "$*"; }
fail() { printf 'kube-play: FAILED: %s\n' "$*" >&2; exit 1; }

DOCKER_HOST="$(infra/images/podman-setup.sh)" || fail "Podman does not answer"
export DOCKER_HOST
if docker compose version >/dev/null 2>&1; then compose_bin=(docker compose); else compose_bin=(docker-compose); fi
export LOA_POSTGRES_IMAGE="${LOA_POSTGRES_IMAGE:-localhost/loa/postgres:17}"
export LOA_KAFKA_IMAGE="${LOA_KAFKA_IMAGE:-localhost/loa/kafka:$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' infra/images/kafka/pom.xml)}"
compose() { "${compose_bin[@]}" -p loa-kube -f docker-compose.yml "$@"; }
work="$(mktemp -d)"
healthchecks_pid=""
cleanup() {
  [[ -f "$work/play.yaml" ]] && podman kube down "$work/play.yaml" >/dev/null 2>&1 || true
  [[ -n "$healthchecks_pid" ]] && kill "$healthchecks_pid" 2>/dev/null || true
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL, Kafka and the topics/ACLs from the compose file (the base leaves them to the cluster).
infra/compose/healthchecks.sh & healthchecks_pid=$!
started=$SECONDS
compose up -d --no-build postgres kafka kafka-topics >/dev/null 2>&1 || fail "compose up of postgres and kafka"
until [[ "$(podman inspect --format '{{.State.Status}} {{.State.ExitCode}}' loa-kube-kafka-topics-1 2>/dev/null)" == "exited 0" ]]; do
  ((SECONDS - started < 300)) || fail "the compose infrastructure did not come up: $(compose logs --tail 20 2>&1)"
  sleep 3
done
say "PostgreSQL, Kafka, topics and ACLs up in $((SECONDS - started)) s (compose project loa-kube)"
# No health-check runner for the pods: kube play turns a livenessProbe into a health check that restarts
# the container on failure, without the startupProbe's grace, so running it would restart every JVM while
# it starts. The probes are asked below, as the kubelet would after the startup probe.
kill "$healthchecks_pid" 2>/dev/null || true; healthchecks_pid=""

kubectl kustomize infra/k8s/overlays/podman >"$work/rendered.yaml"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
# The Secret loa-gateway-users: a users file made with the gateway image's own hash-password tool, given to the pod
# as a host directory (kube play 4.3 mishandles secret volumes).
mkdir -p "$work/users"
{ echo "users:"; printf 'kube play %s mật khẩu\n' "$RANDOM$RANDOM" | podman run --rm -i --network none localhost/loa/gateway:0.1.0 \
    hash-password --username ops.kube-play --roles OPERATOR --org-unit ha-tinh --cost 10 2>/dev/null; } >"$work/users/users.yml"
grep -q 'password-hash' "$work/users/users.yml" || fail "hash-password made no users file"
chmod 755 "$work/users"; chmod 644 "$work/users/users.yml"
LOA_USERS_DIR="$work/users" LOA_SIGNING_KEY_FILE="$work/key.pem" /usr/bin/env python3 - "$work/rendered.yaml" "$work/play.yaml" <<'PY'
import base64, os, re, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
secrets = {d["metadata"]["name"]: {k: base64.b64decode(v).decode() for k, v in d.get("data", {}).items()}
           for d in docs if d["kind"] == "Secret"}
# The secrets the base leaves to the cluster's stores, with this machine's compose values.
scram = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";'
for short in ("plan", "activity", "reporting", "notification"):
    secrets["loa-kafka-" + short] = {"sasl.jaas.config": scram % (short + "-service", "loa-kafka-" + short)}
secrets["loa-gateway"] = {"LOA_AUTH_SIGNING_KEY": open(os.environ["LOA_SIGNING_KEY_FILE"]).read()}
kept, dropped = [], {}
for d in docs:
    kind = d["kind"]
    if kind not in ("Deployment", "ConfigMap"):
        dropped[kind] = dropped.get(kind, 0) + 1
        continue
    if kind == "Deployment":
        spec = d["spec"]["template"]["spec"]
        for c in spec["containers"]:
            env = []
            for e in c.get("env", []):
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                env.append({"name": e["name"], "value": secrets[ref["name"]][ref["key"]]} if ref else e)
            froms = []
            for f in c.get("envFrom", []):
                if "secretRef" in f:
                    # An optional secret that does not exist (loa-evidence-s3) gives nothing, as in Kubernetes.
                    name = f["secretRef"]["name"]
                    if name not in secrets and f["secretRef"].get("optional"):
                        continue
                    env += [{"name": k, "value": v} for k, v in secrets[name].items()]
                else:
                    froms.append(f)
            # Kubernetes expands $(NAME) from the variables defined before it; kube play 4.3 does not.
            known = {}
            for f in froms:
                cm = next((x for x in docs if x["kind"] == "ConfigMap" and x["metadata"]["name"] == f["configMapRef"]["name"]), None)
                known.update((cm or {}).get("data", {}))
            for e in env:
                if "value" in e:
                    e["value"] = re.sub(r"\$\(([A-Za-z0-9_]+)\)", lambda m: str(known.get(m.group(1), m.group(0))), str(e["value"]))
                    known[e["name"]] = e["value"]
            c["env"], c["envFrom"] = env, froms
            # Secret volumes: the users file becomes a host directory, the Kafka CA (unused over SASL_PLAINTEXT) goes.
            volumes = []
            for v in spec.get("volumes", []):
                if v.get("secret", {}).get("secretName") == "loa-gateway-users":
                    volumes.append({"name": v["name"], "hostPath": {"path": os.environ["LOA_USERS_DIR"], "type": "Directory"}})
                elif "secret" not in v:
                    volumes.append(v)
            kept_volumes = {v["name"] for v in volumes}
            c["volumeMounts"] = [m for m in c.get("volumeMounts", []) if m["name"] in kept_volumes]
            # Host network: kube play refuses port mappings there, so the probes get the port's number.
            named = {p.get("name"): p["containerPort"] for p in c.pop("ports", [])}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                get = c.get(probe, {}).get("httpGet")
                if get and get.get("port") in named:
                    get["port"] = named[get["port"]]
        spec["volumes"] = volumes
        # kube play 4.3 has no fsGroup; the host directory's file is world-readable instead.
        spec.get("securityContext", {}).pop("fsGroup", None)
    kept.append(d)
yaml.safe_dump_all(kept, open(sys.argv[2], "w"), sort_keys=False)
print("kube-play: set aside: " + ", ".join("%d %s" % (n, k) for k, n in sorted(dropped.items()))
      + "; secret values written into the pods' env")
PY

started=$SECONDS
podman kube play "$work/play.yaml" >"$work/play.log" 2>&1 || { cat "$work/play.log"; fail "podman kube play"; }
say "pods: $(podman pod ps --format '{{.Name}}' | grep -- '-pod' | sort | tr '\n' ' ')"
# The probes of the Deployments, asked as the kubelet would: startup/liveness, then readiness, per pod.
probes=$(/usr/bin/env python3 - "$work/play.yaml" <<'PY'
import sys, yaml
for d in yaml.safe_load_all(open(sys.argv[1])):
    if d and d["kind"] == "Deployment":
        c = d["spec"]["template"]["spec"]["containers"][0]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            # The management port (MANAGEMENT_SERVER_PORT), by number: the named ports were resolved above.
            print(d["metadata"]["name"], probe, c[probe]["httpGet"]["port"], c[probe]["httpGet"]["path"])
PY
)
while read -r name probe port path; do
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 3 "http://127.0.0.1:$port$path")" == 200 ]]; do
    ((SECONDS - started < 600)) || fail "$name's $probe ($path on $port) did not answer 200: $(podman logs --tail 30 "$name-pod-0-$name" 2>&1)"
    sleep 3
  done
  say "$name $probe $path on :$port answers 200 ($((SECONDS - started)) s after kube play)"
done <<<"$probes"
# The gateway's own answer through its routes: the key set it publishes.
curl -sf -m 5 http://127.0.0.1:8080/auth/jwks | grep -q '"keys"' || fail "the gateway's /auth/jwks"
say "the gateway serves /auth/jwks; all probes answered in $((SECONDS - started)) s"
podman kube down "$work/play.yaml" >/dev/null 2>&1 && rm -f "$work/play.yaml"
say "PASSED"
