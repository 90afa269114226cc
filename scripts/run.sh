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
SERVICES=(pmo-intake pmo-planning pmo-monitoring pmo-change pmo-gateway pmo-dashboard)
# Each service's health and metrics port (its /readyz says when it is processing); the gateway
# also takes events over HTTP on its port (docs/gateway.md).
declare -A HTTP_PORTS=([pmo-intake]=8081 [pmo-planning]=8082 [pmo-monitoring]=8083 [pmo-change]=8084 [pmo-gateway]=8090
                       [pmo-dashboard]=8088)
# The gateway's grants: the demo's public tokens unless PMO_GATEWAY_TOKENS_FILE names others.
export PMO_GATEWAY_TOKENS_FILE="${PMO_GATEWAY_TOKENS_FILE:-examples/gateway-tokens.yaml}"

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
  # Quick group joins on the embedded broker (librdkafka's default session takes about 20 s there).
  export KAFKA_SESSION_TIMEOUT_MS="${KAFKA_SESSION_TIMEOUT_MS:-6000}" KAFKA_HEARTBEAT_INTERVAL_MS="${KAFKA_HEARTBEAT_INTERVAL_MS:-1000}"
fi
export KAFKA_BOOTSTRAP_SERVERS

for service in "${SERVICES[@]}"; do
  "$BIN/$service" &
  pids+=($!)
  log "started $service (pid $!)"
done

# Waits until a service's /readyz answers 200 (reference data loaded, group joined, partitions restored).
wait_ready() {
  local service="$1" port="${HTTP_PORTS[$1]:-}"
  [ -n "$port" ] || return 0
  for _ in $(seq 120); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      log "$service is ready (http://127.0.0.1:$port/metrics)"
      return 0
    fi
    sleep 0.5
  done
  log "$service is not ready after 60 s; see its log above"
}
for service in "${SERVICES[@]}"; do wait_ready "$service"; done

# The demo: the example policy and roster, then proposals and reviews that go through every
# intake path, and plans and expert reviews that carry the chartered projects through planning
# (docs/planning.md): PRJ-2026-101 and 103 to a baseline, 106 to an expert's rejection; then their
# status reports and resource allocations for monitoring (docs/monitoring.md); then a change
# request for PRJ-2026-101 beyond the PM's tolerance, which three CCB members approve, giving
# baseline revision 2 (docs/change-control.md). On by default with the embedded broker;
# PMO_DEMO=1 or 0 decides otherwise.
if [ "${PMO_DEMO:-${own_broker:+1}}" = "1" ]; then
  pmoctl() { "$BIN/pmoctl" "$@" >/dev/null || log "demo step failed: pmoctl $*"; }
  log "loading the example policy and roster (examples/policy.yaml, examples/roster.yaml)"
  pmoctl policy load examples/policy.yaml
  pmoctl roster load examples/roster.yaml
  log "publishing the demo proposals and reviews (examples/demo/01 to 06)"
  pmoctl publish pmo.intake.proposal.submitted.v1 examples/demo/01-proposals.json
  pmoctl publish pmo.intake.review.submitted.v1 examples/demo/02-reviews.json
  pmoctl publish pmo.intake.proposal.submitted.v1 examples/demo/03-resubmission.json
  pmoctl publish pmo.intake.review.submitted.v1 examples/demo/04-reviews-revision-2.json
  pmoctl publish pmo.intake.proposal.submitted.v1 examples/demo/05-proposal-complex.json
  pmoctl publish pmo.intake.review.submitted.v1 examples/demo/06-reviews-complex.json
  log "publishing the demo plans and expert reviews (examples/demo/07 to 09; planning holds a plan until its charter)"
  pmoctl publish pmo.planning.plan.submitted.v1 examples/demo/07-plans.json
  pmoctl publish pmo.planning.expert-review.submitted.v1 examples/demo/09-expert-reviews.json
  # Revision 2 of PRJ-2026-103 once revision 1 has been returned (a revision is decided in order).
  for _ in $(seq 60); do
    if "$BIN/pmoctl" tail --from-beginning --idle-timeout 2 pmo.planning.decisions 2>/dev/null | grep -q "PRJ-2026-103"; then break; fi
    sleep 1
  done
  pmoctl publish pmo.planning.plan.submitted.v1 examples/demo/08-plan-revision-2.json
  # Status reports once both baselines exist (a report of a project without a baseline is only
  # recorded), then two allocations that overload RES-0107 in October (docs/monitoring.md).
  for _ in $(seq 90); do
    baselined="$("$BIN/pmoctl" tail --from-beginning --idle-timeout 2 pmo.projects.baselined 2>/dev/null || true)"
    if grep -q "PRJ-2026-101" <<<"$baselined" && grep -q "PRJ-2026-103" <<<"$baselined"; then break; fi
    sleep 1
  done
  # The status reports come over HTTP, as a timesheet tool would send them: one CloudEvents batch
  # to the gateway, with the demo's public token.
  log "publishing the demo status reports through the gateway (examples/demo/11, POST http://127.0.0.1:8090/v1/events)"
  python3 -c '
import json, sys
reports = json.load(open(sys.argv[1]))
print(json.dumps([{"specversion": "1.0", "id": "demo-status-%d" % i, "source": "/upstream/timesheets",
                   "type": "pmo.status.reported.v1", "data": r} for i, r in enumerate(reports)]))' \
    examples/demo/11-status-reports.json > "$PMO_RUN/demo-status-reports.batch.json"
  curl -fsS -o /dev/null -X POST http://127.0.0.1:8090/v1/events -H "Authorization: Bearer demo-timesheets-token" \
    -H "Content-Type: application/cloudevents-batch+json" --data-binary @"$PMO_RUN/demo-status-reports.batch.json" \
    || log "demo step failed: the gateway refused the status reports"
  log "publishing the demo allocations (examples/demo/12)"
  pmoctl publish pmo.resource.allocation.requested.v1 examples/demo/12-allocations.json
  # A change request against baseline revision 1 of PRJ-2026-101 (the CCB decides: 20 days and
  # 30,000 EUR are beyond the PM's tolerance), then the CCB's votes once it has been assessed.
  log "publishing the demo change request and CCB votes (examples/demo/13 and 14)"
  pmoctl change request examples/demo/13-change-requests.json
  for _ in $(seq 60); do
    if "$BIN/pmoctl" tail --from-beginning --idle-timeout 2 pmo.change.assessments 2>/dev/null | grep -q "CR-2026-201"; then break; fi
    sleep 1
  done
  pmoctl publish pmo.change.vote.cast.v1 examples/demo/14-change-votes.json
  topics="pmo.intake.assessments pmo.intake.decisions pmo.projects.chartered pmo.planning.reviews pmo.planning.decisions pmo.projects.baselined pmo.monitoring.health pmo.monitoring.alerts pmo.monitoring.escalations pmo.resources.conflicts pmo.portfolio.register pmo.portfolio.summary pmo.change.assessments pmo.change.decisions pmo.projects.rebaselined"
  log "watch the assessments, decisions, charters, plan reviews, baselines, health, alerts, escalations, conflicts, the portfolio, change assessments and decisions and re-baselines (another terminal):"
  log "  $BIN/pmoctl tail --bootstrap-servers $KAFKA_BOOTSTRAP_SERVERS --from-beginning $topics"
  # Show them here too, for the first half minute.
  "$BIN/pmoctl" tail --from-beginning --idle-timeout 30 $topics &
  pids+=($!)
fi

log "the PMO dashboard: http://127.0.0.1:8088/ (portfolio, projects, queue, meeting pack; JSON under /api/)"
log "Kafka at $KAFKA_BOOTSTRAP_SERVERS; ${#SERVICES[@]} service(s) running. Press Ctrl-C to stop."
while true; do sleep 3600 & wait $! || true; done
