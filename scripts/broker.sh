#!/usr/bin/env bash
# Starts or stops the embedded Kafka-compatible broker (Tansu, memory-only storage).
#   scripts/broker.sh start [PORT]   start on PORT (default: a free port); prints host:port
#   scripts/broker.sh stop           stop the broker this project started
#   scripts/broker.sh address        print host:port of the running broker
# The broker's pid and address are kept in .run/; its log in .run/broker.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$PMO_RUN"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

running() {
  [ -f "$PMO_RUN/broker.pid" ] && kill -0 "$(cat "$PMO_RUN/broker.pid")" 2>/dev/null
}

case "${1:-}" in
  start)
    if running; then cat "$PMO_RUN/broker.address"; exit 0; fi
    [ -x "$PMO_VENV/bin/tansu" ] || die "the embedded broker is not installed: run scripts/bootstrap.sh"
    port="${2:-$(free_port)}"
    address="127.0.0.1:$port"
    # setsid: the broker gets its own process group, so Ctrl-C in the terminal reaches only
    # the scripts, which then stop it in order.
    setsid "$PMO_VENV/bin/tansu" broker --silent \
      --listener-url "tcp://$address" --advertised-listener-url "tcp://$address" \
      --storage-engine memory://tansu/ >"$PMO_RUN/broker.log" 2>&1 < /dev/null &
    echo $! > "$PMO_RUN/broker.pid"
    echo "$address" > "$PMO_RUN/broker.address"
    if ! python3 "$PMO_ROOT/scripts/kafka_probe.py" "$address" 30; then
      tail -n 20 "$PMO_RUN/broker.log" >&2 || true
      "$0" stop
      die "the embedded broker did not start"
    fi
    log "embedded broker (Tansu, in-memory) at $address, pid $(cat "$PMO_RUN/broker.pid")"
    echo "$address"
    ;;
  stop)
    if running; then
      pid="$(cat "$PMO_RUN/broker.pid")"
      kill -CONT "$pid" 2>/dev/null || true
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      log "embedded broker stopped"
    fi
    rm -f "$PMO_RUN/broker.pid" "$PMO_RUN/broker.address"
    ;;
  address)
    running || die "the embedded broker is not running"
    cat "$PMO_RUN/broker.address"
    ;;
  *)
    echo "usage: $0 start [PORT] | stop | address" >&2; exit 2 ;;
esac
