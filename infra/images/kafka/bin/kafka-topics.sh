#!/usr/bin/env bash
# kafka-topics.sh: create, list, describe topics
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.TopicCommand "$@"
