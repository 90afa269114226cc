#!/usr/bin/env bash
# The monitoring benchmark (issue 11): preloads a deterministic stream for 1,000 projects (policy,
# roster, charters, baselines, 200,000 weekly status reports) on one fresh embedded broker (or
# KAFKA_BOOTSTRAP_SERVERS), then drains it with the Python peer (confluent-kafka, orjson,
# exactly-once), the C and Swift raw pass-throughs and pmo-monitoring with two instances and one,
# measures publish->health latency through one instance at steady rates, and prints the figures
# and ratios (docs/benchmark.md says what each means). It prints; it asserts nothing.
#
#   scripts/bench-monitoring.sh
#   scripts/bench-monitoring.sh --reports 50000 --drains python,c-raw --latency ""
#
# Extra arguments go to `pmo-bench monitoring` (`pmo-bench monitoring --help`). PMO_SCRATCH_PATH=DIR
# builds into DIR instead of .build (swift build --scratch-path), for a second checkout or worktree.
# Without a pmo-monitoring product in Package.swift the service's runs are left out (and said so).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PMO_BROKER_NAME="${PMO_BROKER_NAME:-bench-monitoring-$$}"
cd "$PMO_ROOT"
bash scripts/bootstrap.sh
pmo_env

# The Python peer's clients, in the project's virtual environment.
if ! "$PMO_VENV/bin/python" -c 'import confluent_kafka, orjson' 2>/dev/null; then
  log "installing the Python peer's requirements (Benchmarks/python/requirements.txt) into .venv"
  "$PMO_VENV/bin/pip" install -q -r Benchmarks/python/requirements.txt
fi

swift_flags=(-c release)
if [ -n "${PMO_SCRATCH_PATH:-}" ]; then swift_flags+=(--scratch-path "$PMO_SCRATCH_PATH"); fi
swift build "${swift_flags[@]}" --product pmo-bench
swift build "${swift_flags[@]}" --product pmo-monitoring
BIN="$(swift build "${swift_flags[@]}" --show-bin-path)"

pmo_bench_reference "$BIN"
pmo_bench_broker
"$BIN/pmo-bench" monitoring --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" --reference "$reference" \
  --python "$PMO_VENV/bin/python" "${broker_pid[@]}" "$@"
