#!/usr/bin/env bash
# The compose file's Kafka broker (docker-compose.yml mounts this at /opt/loa/kafka-start.sh): works on
# the public apache/kafka image and on localhost/loa/kafka alike, using only /opt/kafka/bin's tools.
#  1. KAFKA_* variables -> server.properties (KAFKA_LOG_DIRS -> log.dirs; "___" -> "-", "__" -> "_", "_" -> ".")
#  2. the SASL/SCRAM listeners' JAAS settings (the broker's own login is the admin principal)
#  3. on an empty volume: format the storage with the SCRAM credentials of the admin and of each service
#     (KRaft keeps them in its metadata; later changes: kafka-configs.sh --alter --entity-type users, runbook)
#  4. the broker in the foreground
# The admin's client settings go to /tmp/loa-admin.properties, for the health check and for operators.
set -euo pipefail

: "${LOA_KAFKA_ADMIN_PASSWORD:?}" "${LOA_KAFKA_PLAN_PASSWORD:?}" "${LOA_KAFKA_ACTIVITY_PASSWORD:?}"
: "${LOA_KAFKA_REPORTING_PASSWORD:?}" "${LOA_KAFKA_NOTIFICATION_PASSWORD:?}"
MECHANISM="${LOA_KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}"
props=/tmp/loa-server.properties
skip=" KAFKA_HEAP_OPTS KAFKA_OPTS KAFKA_JVM_PERFORMANCE_OPTS KAFKA_LOG4J_OPTS KAFKA_GC_LOG_OPTS KAFKA_JMX_OPTS KAFKA_DEBUG KAFKA_VERSION "

scram_login() { printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' "$1" "$2"; }

: >"$props"
while IFS='=' read -r name _; do
  [[ "$name" == KAFKA_* && "$skip" != *" $name "* ]] || continue
  key="${name#KAFKA_}"; key="${key,,}"; key="${key//___/-}"; key="${key//__/@}"; key="${key//_/.}"; key="${key//@/_}"
  printf '%s=%s\n' "$key" "${!name}" >>"$props"
done < <(env | sort)
mechanism_lc="${MECHANISM,,}"
{
  # Every SASL listener: SCRAM, credentials checked against the metadata. The inter-broker one also logs
  # in as admin (the broker's own connections).
  controller="$(sed -n 's/^controller\.listener\.names=//p' "$props")"
  for listener in $(sed -n 's/^listener\.security\.protocol\.map=//p' "$props" | tr ',' '\n' | sed -n 's/^\([^:]*\):SASL_.*/\1/p'); do
    if [[ "$listener" == "$controller" ]]; then
      # Controllers (a cluster, kafka-cluster.yml): SCRAM needs the metadata they serve, so PLAIN between them.
      : "${LOA_KAFKA_CONTROLLER_PASSWORD:?a SASL controller listener needs LOA_KAFKA_CONTROLLER_PASSWORD}"
      printf 'listener.name.%s.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="%s" user_controller="%s";\n' \
        "${listener,,}" "$LOA_KAFKA_CONTROLLER_PASSWORD" "$LOA_KAFKA_CONTROLLER_PASSWORD"
      continue
    fi
    printf 'listener.name.%s.%s.sasl.jaas.config=%s\n' "${listener,,}" "$mechanism_lc" "$(scram_login admin "$LOA_KAFKA_ADMIN_PASSWORD")"
  done
} >>"$props"

cat >/tmp/loa-admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=$MECHANISM
sasl.jaas.config=$(scram_login admin "$LOA_KAFKA_ADMIN_PASSWORD")
PROPS

scram() { printf -- '--add-scram\n%s=[name=%s,password=%s]\n' "$MECHANISM" "$1" "$2"; }
mapfile -t users < <(scram admin "$LOA_KAFKA_ADMIN_PASSWORD"; scram plan-service "$LOA_KAFKA_PLAN_PASSWORD"
  scram activity-service "$LOA_KAFKA_ACTIVITY_PASSWORD"; scram reporting-service "$LOA_KAFKA_REPORTING_PASSWORD"
  scram notification-service "$LOA_KAFKA_NOTIFICATION_PASSWORD")
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "${CLUSTER_ID:-loa-compose-kafka-0001}" -c "$props" "${users[@]}"
exec /opt/kafka/bin/kafka-server-start.sh "$props"
