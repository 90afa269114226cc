#!/usr/bin/env bash
# Starts or stops an embedded Kafka-compatible broker (Tansu, memory-only storage).
#   scripts/broker.sh start [PORT]   start on PORT (default: a free port); prints host:port
#   scripts/broker.sh stop           stop the broker this project started
#   scripts/broker.sh address        print host:port of the running broker
# PMO_BROKER_NAME (default "default") names the broker, so that the run command, the tests and
# the benchmark each have their own: its pid, address and log are .run/<name>.{pid,address,log}.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$PMO_RUN"
name="${PMO_BROKER_NAME:-default}"
pid_file="$PMO_RUN/$name.pid"
address_file="$PMO_RUN/$name.address"
log_file="$PMO_RUN/$name.log"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

case "${1:-}" in
  start)
    if running; then cat "$address_file"; exit 0; fi
    [ -x "$PMO_VENV/bin/tansu" ] || die "the embedded broker is not installed: run scripts/bootstrap.sh"
    port="${2:-$(free_port)}"
    address="127.0.0.1:$port"
    # setsid: the broker gets its own process group, so Ctrl-C in the terminal reaches only
    # the scripts, which then stop it in order.
    setsid "$PMO_VENV/bin/tansu" broker --silent \
      --listener-url "tcp://$address" --advertised-listener-url "tcp://$address" \
      --storage-engine memory://tansu/ >"$log_file" 2>&1 < /dev/null &
    echo $! > "$pid_file"
    echo "$address" > "$address_file"
    if ! python3 "$PMO_ROOT/scripts/kafka_probe.py" "$address" 30; then
      tail -n 20 "$log_file" >&2 || true
      "$0" stop
      die "the embedded broker did not start"
    fi
    log "embedded broker (Tansu, in-memory) at $address, pid $(cat "$pid_file")"
    echo "$address"
    ;;
  stop)
    if running; then
      pid="$(cat "$pid_file")"
      kill -CONT "$pid" 2>/dev/null || true
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      log "embedded broker stopped"
    fi
    rm -f "$pid_file" "$address_file"
    [ "${PMO_KEEP_BROKER_LOG:-}" = 1 ] || rm -f "$log_file"
    ;;
  address)
    running || die "the embedded broker is not running"
    cat "$address_file"
    ;;
  *)
    echo "usage: $0 start [PORT] | stop | address" >&2; exit 2 ;;
esac
