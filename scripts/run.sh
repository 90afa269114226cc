#!/usr/bin/env bash
# The run command: installs what is missing (once), builds, starts the embedded broker (unless
# KAFKA_BOOTSTRAP_SERVERS names a cluster) and every PMO service, and keeps them running until
# Ctrl-C, then stops them in order.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PMO_BROKER_NAME="run"
cd "$PMO_ROOT"

bash scripts/bootstrap.sh
pmo_env
swift build -c release
BIN="$(swift build -c release --show-bin-path)"

# The services this repository has so far, in start order.
SERVICES=()

pids=()
own_broker=""
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$own_broker" ]; then scripts/broker.sh stop || true; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  own_broker=1
  KAFKA_BOOTSTRAP_SERVERS="$(scripts/broker.sh start "${PMO_BROKER_PORT:-9092}")"
  log "the embedded broker keeps everything in memory: stopping it loses all topics and records"
fi
export KAFKA_BOOTSTRAP_SERVERS

for service in "${SERVICES[@]}"; do
  "$BIN/$service" &
  pids+=($!)
  log "started $service (pid $!)"
done

log "Kafka at $KAFKA_BOOTSTRAP_SERVERS; ${#SERVICES[@]} service(s) running. Press Ctrl-C to stop."
while true; do sleep 3600 & wait $! || true; done
