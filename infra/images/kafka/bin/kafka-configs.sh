#!/usr/bin/env bash
# kafka-configs.sh: dynamic configs, SCRAM credentials
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
