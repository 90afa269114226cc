#!/usr/bin/env bash
# The test command: installs what is missing (once), builds, starts the embedded broker, runs
# every test suite against it, and stops the broker again, whatever happens.
#
#   scripts/test.sh                 everything
#   scripts/test.sh --filter NAME   only the Swift tests whose name matches NAME
#
# With KAFKA_BOOTSTRAP_SERVERS set, the tests use that cluster instead of the embedded broker.
# Broker tests never skip here: PMO_REQUIRE_BROKER=1 makes them fail when no broker is reachable.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PMO_BROKER_NAME="test-$$"
cd "$PMO_ROOT"

started=$(date +%s)
bash scripts/bootstrap.sh
pmo_env
# The dashboard's browser test: Debian's chromium (Playwright's own browser download is not
# used) and Playwright from PyPI, installed once.
if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium for the dashboard's browser test"
  SUDO=""; if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if ! cmp -s scripts/requirements-browser.txt "$PMO_VENV/.pmo-browser-requirements" 2>/dev/null; then
  "$PMO_VENV/bin/pip" install -q --disable-pip-version-check -r scripts/requirements-browser.txt
  cp scripts/requirements-browser.txt "$PMO_VENV/.pmo-browser-requirements"
fi
log "bootstrap done in $(( $(date +%s) - started ))s"

build_started=$(date +%s)
swift build --build-tests
log "build done in $(( $(date +%s) - build_started ))s"

own_broker=""
cleanup() {
  if [ -n "$own_broker" ]; then
    scripts/broker.sh stop || true
    PMO_BROKER_NAME="$PMO_BROKER_NAME-freeze" scripts/broker.sh stop || true
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  own_broker=1
  KAFKA_BOOTSTRAP_SERVERS="$(scripts/broker.sh start)"
  export PMO_BROKER_PID="$(cat "$PMO_RUN/$PMO_BROKER_NAME.pid")"
  # The broker-freeze test stops and resumes a broker by its pid: a broker of its own, so that
  # the suites running beside it do not freeze with it.
  export PMO_FREEZE_BOOTSTRAP_SERVERS="$(PMO_BROKER_NAME="$PMO_BROKER_NAME-freeze" scripts/broker.sh start)"
  export PMO_FREEZE_BROKER_PID="$(cat "$PMO_RUN/$PMO_BROKER_NAME-freeze.pid")"
else
  export PMO_EXTERNAL_KAFKA=1
fi
export KAFKA_BOOTSTRAP_SERVERS PMO_REQUIRE_BROKER=1
export PMO_BIN_DIR="$(swift build --show-bin-path)"

tests_started=$(date +%s)
swift test --skip-build "$@"
if [ $# -eq 0 ]; then
  # The contracts and the catalog across languages, the deployment files (deploy/) checked
  # offline against the Kubernetes, Strimzi, KEDA and Compose schemas and against the catalog,
  # and the dashboard in a real browser (its own broker, the services, the demo; screenshots in
  # .run/browser/).
  "$PMO_VENV/bin/python" -m pytest -q Tests/SchemaTests Tests/DeployTests Tests/BrowserTests
fi
log "tests done in $(( $(date +%s) - tests_started ))s (total $(( $(date +%s) - started ))s)"
