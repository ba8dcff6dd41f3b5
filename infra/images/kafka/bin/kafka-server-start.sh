#!/usr/bin/env bash
# kafka-server-start.sh server.properties: the broker in the foreground (as the distribution's, without -daemon).
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
export LOA_KAFKA_LOG_LEVEL="${LOA_KAFKA_LOG_LEVEL:-info}"
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
