#!/usr/bin/env bash
# Benchmarks the HTTP gateway (pmo-gateway, release build) on a fresh embedded broker (or
# KAFKA_BOOTSTRAP_SERVERS) and prints, from one run: status reports per second accepted and
# acknowledged through one gateway instance, one event per request and in batches of 100 (load
# from wrk, Benchmarks/gateway/events.lua), next to `pmoctl publish` and librdkafka's raw
# producer (the C reference's loader) publishing the same status report to the same topic, and
# the ratios. It prints; it asserts nothing. docs/gateway.md records the figures.
#
#   scripts/bench-gateway.sh                       20 s per HTTP run, 32 connections
#   BENCH_SECONDS=10 BENCH_CONNECTIONS=64 scripts/bench-gateway.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PMO_BROKER_NAME="${PMO_BROKER_NAME:-bench-gateway-$$}"
cd "$PMO_ROOT"
bash scripts/bootstrap.sh
pmo_env
seconds="${BENCH_SECONDS:-20}"
connections="${BENCH_CONNECTIONS:-32}"
pmoctl_events="${BENCH_PMOCTL_EVENTS:-2000}"
raw_events="${BENCH_RAW_EVENTS:-200000}"

if ! command -v wrk >/dev/null; then
  log "installing wrk (the HTTP load generator) from Debian"
  SUDO=""; if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
swift build -c release --product pmo-gateway
swift build -c release --product pmoctl
BIN="$(swift build -c release --show-bin-path)"
pmo_bench_reference "$BIN"
pmo_bench_broker
"$BIN/pmoctl" topics create >/dev/null

work="$PMO_RUN/bench-gateway-$$"
mkdir -p "$work"
gateway_pid=""
stop_gateway() { if [ -n "$gateway_pid" ]; then kill -TERM "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; fi; }
trap 'stop_gateway; pmo_bench_cleanup; rm -rf "$work"' EXIT

# One status report of the demo, and a token with no practical rate limit.
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))[0], separators=(",", ":")))' \
  examples/demo/11-status-reports.json > "$work/status-report.json"
token="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat > "$work/tokens.yaml" <<TOKENS
tokens:
  - name: bench
    tokenSHA256: $(printf %s "$token" | sha256sum | cut -d' ' -f1)
    source: /bench/gateway
    eventTypes: [pmo.status.reported.v1]
    eventsPerSecond: 100000000
    burst: 100000000
TOKENS
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$BIN/pmo-gateway" --tokens-file "$work/tokens.yaml" --http-port "$port" --log-level warning \
  --idempotency-capacity 2000000 &
gateway_pid=$!
for _ in $(seq 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" || die "the gateway did not become ready"

cpu_seconds() { # CPU seconds (user + system) of process $1 so far
  awk -v tick="$(getconf CLK_TCK)" '{ print ($14 + $15) / tick }' "/proc/$1/stat"
}
value() { grep "^$1=" "$2" | cut -d= -f2; }

http_run() { # name batch
  local name="$1" batch="$2" before after
  before="$(cpu_seconds "$gateway_pid")"
  BENCH_EVENT_FILE="$work/status-report.json" BENCH_TOKEN="$token" BENCH_BATCH="$batch" BENCH_RUN="$name-$$" \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s Benchmarks/gateway/events.lua "http://127.0.0.1:$port" \
    > "$work/$name.txt"
  after="$(cpu_seconds "$gateway_pid")"
  local requests refused secs
  requests="$(value requests "$work/$name.txt")"; refused="$(value refused "$work/$name.txt")"; secs="$(value seconds "$work/$name.txt")"
  python3 - "$name" "$batch" "$requests" "$refused" "$secs" "$before" "$after" \
    "$(value p50_ms "$work/$name.txt")" "$(value p99_ms "$work/$name.txt")" >> "$work/results" <<'PY'
import sys
name, batch, requests, refused, secs, before, after, p50, p99 = sys.argv[1:]
events = (int(requests) - int(refused)) * int(batch)
print(f"{name} {events / float(secs):.0f} {int(refused)} {(float(after) - float(before)) / max(events, 1) * 1e6:.1f} {p50} {p99}")
PY
}

log "gateway, one event per request: wrk, $connections connections, ${seconds} s"
http_run single 1
log "gateway, batches of 100: wrk, $connections connections, ${seconds} s"
http_run batch100 100

log "pmoctl publish of $pmoctl_events status reports (one file, acknowledged one by one)"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); print(json.dumps([e]*int(sys.argv[2])))' \
  "$work/status-report.json" "$pmoctl_events" > "$work/reports.json"
start="$(date +%s.%N)"
"$BIN/pmoctl" publish pmo.status.reported.v1 "$work/reports.json" >/dev/null
end="$(date +%s.%N)"
echo "pmoctl $(python3 -c "print(f'{$pmoctl_events / ($end - $start):.0f}')") 0 - - -" >> "$work/results"

log "raw producer (librdkafka, the C reference's loader) of $raw_events status reports"
"$reference" load --brokers "$KAFKA_BOOTSTRAP_SERVERS" --topic pmo.status.reports --events "$raw_events" \
  --value-file "$work/status-report.json" --type pmo.status.reported.v1 --id-prefix "raw-$$" > "$work/raw.txt"
echo "raw $(python3 -c "print(f'{$raw_events / $(value load_seconds "$work/raw.txt"):.0f}')") 0 - - -" >> "$work/results"

python3 - "$work/results" "$connections" "$seconds" <<'PY'
import sys
rows = {line.split()[0]: line.split()[1:] for line in open(sys.argv[1])}
raw = float(rows["raw"][0]); pmoctl = float(rows["pmoctl"][0])
labels = {"single": "gateway, 1 event per request", "batch100": "gateway, batches of 100",
          "pmoctl": "pmoctl publish", "raw": "raw producer (C, librdkafka)"}
print(f"\nstatus reports acknowledged per second ({sys.argv[2]} HTTP connections, {sys.argv[3]} s per HTTP run, one broker, 2 cores shared)")
print(f"{'run':32} {'events/s':>10} {'refused':>8} {'gateway CPU µs/event':>21} {'p50 ms':>7} {'p99 ms':>7} {'÷ raw':>6} {'× pmoctl':>9}")
for name in ["single", "batch100", "pmoctl", "raw"]:
    rate, refused, cpu, p50, p99 = rows[name]
    print(f"{labels[name]:32} {float(rate):>10.0f} {refused:>8} {cpu:>21} {p50:>7} {p99:>7} {float(rate) / raw:>6.2f} {float(rate) / pmoctl:>9.1f}")
PY
