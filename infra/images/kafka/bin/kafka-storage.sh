#!/usr/bin/env bash
# kafka-storage.sh: format the log directories (KRaft)
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
