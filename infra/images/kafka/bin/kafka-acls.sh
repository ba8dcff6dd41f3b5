#!/usr/bin/env bash
# kafka-acls.sh: add, remove, list ACLs
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.AclCommand "$@"
