#!/usr/bin/env bash
# Topics and ACLs of a Loa Kafka cluster, run once as the admin principal: by the compose file's one-shot
# kafka-topics container (docker-compose.yml mounts it at /opt/loa/kafka-init.sh) and by the Kubernetes
# Job loa-topics (topics-job.yaml, from a ConfigMap this base generates). One script, so both agree:
#  1. the five topics of infra/messaging's Topics and their -dlt twins, with the partition count the
#     services declare, kept for ever (dead letters 30 days), records up to max.message.bytes: 1048588 for
#     events (Topics.MAX_MESSAGE_BYTES), 2097164 for dead letters (Topics.DEAD_LETTER_MAX_MESSAGE_BYTES: the
#     original record plus headers naming the failure); topics that exist already are brought to these
#     limits (and grown to the partition count), so an older cluster or a topic a service created first agrees
#  2. the ACLs: each service's principal writes only the topics it owns and the -dlt twins of those it
#     consumes, reads what it consumes, and uses consumer groups named after itself (docs/runbook.md, "Kafka")
# Idempotent (one describe, then only what differs; ACLs are a set): safe on every start. Runs as the admin
# principal. infra/deployment's ComposeTests check the limits against Topics' constants.
set -euo pipefail

: "${LOA_TOPICS:?}" "${LOA_TOPIC_PARTITIONS:?}" "${LOA_TOPIC_REPLICATION_FACTOR:?}"
BOOTSTRAP="${LOA_KAFKA_BOOTSTRAP:-kafka:9092}"
MECHANISM="${LOA_KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}"
# SASL_PLAINTEXT in compose; SASL_SSL in Kubernetes, with the cluster CA's PEM certificate as trust store.
PROTOCOL="${LOA_KAFKA_SECURITY_PROTOCOL:-SASL_PLAINTEXT}"
# The admin's login: the whole JAAS line (a Strimzi KafkaUser secret's sasl.jaas.config), or its password.
JAAS="${LOA_KAFKA_ADMIN_JAAS:-org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"${LOA_KAFKA_ADMIN_PASSWORD:-}\";}"
# false where the cluster's operator manages ACLs itself (Strimzi KafkaUser resources, infra/k8s/kafka).
MANAGE_ACLS="${LOA_KAFKA_MANAGE_ACLS:-true}"
# Events: Kafka's own default broker limit (SHARED-DECISIONS), above the producers' max.request.size (1 MiB).
MAX_MESSAGE_BYTES="${LOA_TOPIC_MAX_MESSAGE_BYTES:-1048588}"
# Dead letters: the original record plus the failure's headers (stack trace), sent by the dead-letter producer
# with max.request.size 2 MiB; a -dlt topic at the event limit would refuse the dead letter of a large event.
DLT_MAX_MESSAGE_BYTES="${LOA_DLT_MAX_MESSAGE_BYTES:-2097164}"
# acks=all needs min.insync.replicas in-sync copies: 2 of 3 survives one broker down; 1 on a single broker.
MIN_ISR=$(( LOA_TOPIC_REPLICATION_FACTOR >= 3 ? 2 : 1 ))
BIN=/opt/kafka/bin
# Each tool call is a short JVM: start it quickly (no JIT tiers beyond C1, small serial heap).
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx128m}"
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"
admin=/tmp/loa-admin.properties
cat >"$admin" <<PROPS
security.protocol=$PROTOCOL
sasl.mechanism=$MECHANISM
sasl.jaas.config=$JAAS
PROPS
if [[ -n "${LOA_KAFKA_TRUSTSTORE_PEM:-}" ]]; then
  printf 'ssl.truststore.type=PEM\nssl.truststore.location=%s\n' "$LOA_KAFKA_TRUSTSTORE_PEM" >>"$admin"
fi

# The broker may accept connections before it serves requests (compose's health check only sees the
# listener; a Job may start before the cluster): wait until the admin can describe the topics. The description
# (one line per topic: partitions and the configs set on it) says what already exists.
for attempt in $(seq 1 60); do
  described="$("$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --describe 2>/dev/null)" && break
  ((attempt < 60)) || { echo "Kafka at $BOOTSTRAP does not answer the admin" >&2; exit 1; }
  echo "waiting for Kafka at $BOOTSTRAP (attempt $attempt)"; sleep 5
done
# "Topic: <name><TAB>TopicId: …<TAB>PartitionCount: 12<TAB>ReplicationFactor: 3<TAB>Configs: a=1,b=2"
topic_line() { grep -E "^Topic: $(sed 's/\./\\./g' <<<"$1")[[:space:]]" <<<"$described" | head -1 || true; }
field() { sed -n "s/.*[[:space:]]$2: \([^[:space:]]*\).*/\1/p" <<<"$1"; }
config_of() { sed -n 's/.*Configs: *//p' <<<"$1" | tr ',' '\n' | sed -n "s/^$2=//p"; }

# Events are kept for ever (reporting rebuilds its projections from them); dead letters 30 days.
created=0; altered=0
for topic in ${LOA_TOPICS}; do
  for name in "${topic}" "${topic}-dlt"; do
    retention=-1; limit="$MAX_MESSAGE_BYTES"
    [[ "${name}" == *-dlt ]] && { retention=2592000000; limit="$DLT_MAX_MESSAGE_BYTES"; }
    line="$(topic_line "$name")"
    if [[ -z "$line" ]]; then
      "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --create --if-not-exists \
        --topic "${name}" --partitions "${LOA_TOPIC_PARTITIONS}" --replication-factor "${LOA_TOPIC_REPLICATION_FACTOR}" \
        --config "retention.ms=${retention}" --config "max.message.bytes=${limit}" \
        --config "min.insync.replicas=${MIN_ISR}" --config unclean.leader.election.enable=false
      created=$((created + 1))
      continue
    fi
    # It exists (an earlier run with other limits, or a service declared it first): bring it to the limit.
    current="$(config_of "$line" max.message.bytes)"
    if [[ "$current" != "$limit" ]]; then
      echo "topic ${name}: max.message.bytes ${current:-broker default} -> ${limit}"
      "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --alter \
        --entity-type topics --entity-name "${name}" --add-config "max.message.bytes=${limit}"
      altered=$((altered + 1))
    fi
    partitions="$(field "$line" PartitionCount)"
    if [[ -n "$partitions" ]] && ((partitions < LOA_TOPIC_PARTITIONS)); then
      echo "topic ${name}: partitions ${partitions} -> ${LOA_TOPIC_PARTITIONS}"
      "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --alter \
        --topic "${name}" --partitions "${LOA_TOPIC_PARTITIONS}"
      altered=$((altered + 1))
    fi
  done
done
echo "topics: ${created} created, ${altered} changes to existing ones"

# Who writes what (issue 15): the owner writes its topics; a consumer writes the -dlt twins of what it reads.
declare -A OWNS=(
  [plan-service]="loa.orgunit.events loa.plan.events"
  [activity-service]="loa.activity.events"
  [reporting-service]="loa.period.events loa.report.events"
  [notification-service]=""
)
declare -A READS=(
  [plan-service]=""
  [activity-service]="loa.orgunit.events loa.plan.events loa.period.events"
  [reporting-service]="loa.orgunit.events loa.plan.events loa.activity.events"
  [notification-service]="loa.orgunit.events loa.plan.events loa.activity.events loa.period.events loa.report.events"
)
if [[ "$MANAGE_ACLS" != true ]]; then
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --describe | grep -c 'Partition:' | xargs echo "partitions:"
  echo "ACLs: left to the cluster's operator (LOA_KAFKA_MANAGE_ACLS=$MANAGE_ACLS)"
  exit 0
fi
acl() { "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --add --force "$@" >/dev/null; }
# Few calls (each starts a JVM): one per service for what it writes, one for what it reads, one for its
# consumer groups, one for all of them to describe the loa.* topics.
principals=()
for service in plan-service activity-service reporting-service notification-service; do
  principal="User:${service}"
  principals+=(--allow-principal "$principal")
  writes=()
  for topic in ${OWNS[$service]}; do writes+=(--topic "$topic"); done
  for topic in ${READS[$service]}; do writes+=(--topic "${topic}-dlt"); done
  ((${#writes[@]})) && acl --allow-principal "$principal" --operation Write --operation Describe "${writes[@]}"
  reads=()
  for topic in ${READS[$service]}; do reads+=(--topic "$topic"); done
  ((${#reads[@]})) && acl --allow-principal "$principal" --operation Read --operation Describe "${reads[@]}"
  # Consumer groups: group id = the service's name (plus suffixes for its listeners).
  acl --allow-principal "$principal" --operation Read --operation Describe --group "$service" --resource-pattern-type prefixed
done
# Describe every Loa topic: the services check at start that the topics they declare exist.
acl "${principals[@]}" --operation Describe --topic loa. --resource-pattern-type prefixed

"$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --describe \
  | grep -c 'Partition:' | xargs echo "partitions:"
"$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$admin" --list | grep -c 'principal=User:' | xargs echo "ACL entries:"
