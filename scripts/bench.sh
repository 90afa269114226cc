#!/usr/bin/env bash
# Benchmarks the service runtime on the embedded broker (or KAFKA_BOOTSTRAP_SERVERS) with a
# release build, and prints the figures. Extra arguments go to pmo-bench (see --help).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PMO_BROKER_NAME="bench-$$"
cd "$PMO_ROOT"
bash scripts/bootstrap.sh
pmo_env
swift build -c release --product pmo-test-counter
swift build -c release --product pmo-bench
BIN="$(swift build -c release --show-bin-path)"

own_broker=""
cleanup() { if [ -n "$own_broker" ]; then scripts/broker.sh stop || true; fi; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM
if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  own_broker=1
  KAFKA_BOOTSTRAP_SERVERS="$(scripts/broker.sh start)"
fi
"$BIN/pmo-bench" --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" "$@"
