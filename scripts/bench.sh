#!/usr/bin/env bash
# Benchmarks the service runtime next to a C reference on librdkafka, on one fresh embedded broker
# (or KAFKA_BOOTSTRAP_SERVERS), with release builds, and prints the figures: drain throughput and
# CPU of each process under test and of the broker, latency at steady rates, restore time, and the
# ratios Swift/C (docs/benchmark.md says what each figure means). It prints; it asserts nothing.
#
#   scripts/bench.sh                       everything (a few minutes after the build)
#   scripts/bench.sh --events 50000 --runs drain
#   scripts/bench.sh --counter-arg=--commit-records=5000 --counter-arg=--commit-interval-ms=100
#
# Extra arguments go to pmo-bench (`pmo-bench run --help`). PMO_SCRATCH_PATH=DIR builds into DIR
# instead of .build (swift build --scratch-path), for a second checkout or worktree.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PMO_BROKER_NAME="${PMO_BROKER_NAME:-bench-$$}"
cd "$PMO_ROOT"
bash scripts/bootstrap.sh
pmo_env

swift_flags=(-c release)
if [ -n "${PMO_SCRATCH_PATH:-}" ]; then swift_flags+=(--scratch-path "$PMO_SCRATCH_PATH"); fi
swift build "${swift_flags[@]}" --product pmo-test-counter
swift build "${swift_flags[@]}" --product pmo-bench
BIN="$(swift build "${swift_flags[@]}" --show-bin-path)"

pmo_bench_reference "$BIN"
pmo_bench_broker
"$BIN/pmo-bench" run --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" --reference "$reference" "${broker_pid[@]}" "$@"
