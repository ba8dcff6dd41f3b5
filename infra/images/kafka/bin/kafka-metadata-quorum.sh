#!/usr/bin/env bash
# kafka-metadata-quorum.sh
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
