#!/usr/bin/env bash
# kafka-broker-api-versions.sh: the health check
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
