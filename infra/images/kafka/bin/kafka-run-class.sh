#!/usr/bin/env bash
# kafka-run-class.sh <main class> [args]: the distribution's launcher, reduced to what the image needs.
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_OPTS are honoured as by Apache's script.
# Logging: slf4j-simple to standard output; LOA_KAFKA_LOG_LEVEL (default info for the broker, warn for tools).
main="$1"; shift
level="${LOA_KAFKA_LOG_LEVEL:-warn}"
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent} \
  -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.logFile=System.out \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="$level" -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" -Dorg.slf4j.simpleLogger.showThreadName=false \
  -Dorg.slf4j.simpleLogger.log.kafka.request.logger=warn -Dorg.slf4j.simpleLogger.log.state.change.logger=warn \
  ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$main" "$@"
