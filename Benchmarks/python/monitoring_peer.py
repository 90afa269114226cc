#!/usr/bin/env python3
"""The Python peer of the monitoring benchmark: what a team would write in Python instead of
pmo-monitoring's health path, as the bar the Swift service is compared with (docs/benchmark.md).

A consume-transform-produce loop with confluent-kafka and exactly-once transactions:

- reads the latest policy from pmo.config.policy (its health bands, thresholds and EAC method);
- consumes pmo.projects.baselined and pmo.status.reports in one consumer group (range
  assignment, read_committed, manual offsets) and processes them per partition in the order of
  their record timestamps, a report waiting (at most --max-idle-ms) until the partition's
  baselines are read to their end, as the Swift runtime's merge of co-partitioned inputs does;
- keeps per project the baseline (start, planned-value curve, BAC) and the previous report's
  unrounded SPI and CPI (for the trend);
- for every report, writes a pmo.monitoring.health.assessed.v2 health record (the same EVM figures
  as docs/monitoring.md: PV from the cumulative planned-value curve with linear interpolation at
  the end of the period end, EV given or percent x BAC, AC, SV, CV, SPI, CPI, EAC by the policy's
  method, ETC, VAC, TCPI, earned schedule, SPI(t), forecast finish, schedule/cost/quality/risk
  RAG from the policy's bands, overall, trend) with CloudEvents headers to --output, and one
  changelog record (the project's state) to --changelog, both in the input's partition;
- commits a transaction (send_offsets_to_transaction + commit_transaction) after
  --commit-records inputs or --commit-interval-ms since it began, whichever comes first.

Money is binary floating point (a Python team's float, with orjson), rounded only when written:
2 decimals for money, 4 for indices, halves away from zero. The Swift service computes in
decimal, so a figure can differ in its last digit where a binary double falls on the other side
of a half. The health record's ce_id is <topic>/<partition>/<offset>/0, the input's position,
as the Swift runtime names its outputs (the benchmark's reader matches on it).

It prints name=value lines when it stops (SIGTERM or SIGINT): records, transactions,
changelog_records, no_baseline.
"""
import argparse
import datetime as dt
import math
import signal
import sys
import time
from collections import deque

import orjson
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

REPORTS = "pmo.status.reports"
BASELINES = "pmo.projects.baselined"
POLICY = "pmo.config.policy"
HEALTH_TYPE = b"pmo.monitoring.health.assessed.v2"
SOURCE = b"/bench/python-peer"
RED, AMBER, GREEN = "red", "amber", "green"
WORST = {RED: 0, AMBER: 1, GREEN: 2}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--output", required=True, help="topic of the health records")
    parser.add_argument("--changelog", required=True, help="compacted topic of the per-project state")
    parser.add_argument("--commit-records", type=int, default=5000)
    parser.add_argument("--commit-interval-ms", type=int, default=50)
    parser.add_argument("--poll-records", type=int, default=1000)
    parser.add_argument("--max-idle-ms", type=int, default=500,
                        help="how long a report waits for its partition's baselines to be read (the runtime's --max-task-idle-ms)")
    parser.add_argument("--property", action="append", default=[], help="a librdkafka property name=value (both clients)")
    return parser.parse_args()


def properties(args):
    extra = {}
    for item in args.property:
        name, _, value = item.partition("=")
        extra[name] = value
    return extra


def load_policy(args):
    """The latest policy on pmo.config.policy (read to its end)."""
    consumer = Consumer({"bootstrap.servers": args.brokers, "group.id": args.group + "-policy", "enable.auto.commit": False,
                         "isolation.level": "read_committed", **properties(args)})
    _, high = consumer.get_watermark_offsets(TopicPartition(POLICY, 0), timeout=30)
    consumer.assign([TopicPartition(POLICY, 0, 0)])
    policy = None
    deadline = time.monotonic() + 60
    while high > 0 and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error():
            continue
        event = orjson.loads(message.value())
        if policy is None or event["version"] >= policy["version"]:
            policy = event
        if message.offset() + 1 >= high:
            break
    consumer.close()
    if policy is None:
        sys.exit("no policy on " + POLICY)
    return policy


def days(date_text):
    return dt.date.fromisoformat(date_text).toordinal()


def money(amount, currency):
    return {"amount": round_away(amount, 2), "currency": currency}


def round_away(value, digits):
    """Rounded to `digits` decimals, halves away from zero."""
    scale = 10.0 ** digits
    rounded = math.floor(abs(value) * scale + 0.5) / scale
    return -rounded if value < 0 else rounded


class Baseline:
    """What the measure needs of a baseline: the time axis, the curve, BAC."""
    __slots__ = ("revision", "start", "start_text", "points", "bac", "currency", "planned_duration", "document")

    def __init__(self, event):
        baseline = event["baseline"]
        self.revision = event["baselineRevision"]
        self.document = {"revision": self.revision, "baseline": baseline}
        curve = baseline["plannedValueCurve"]
        starts = [days(w["plannedStart"]) for w in baseline["workPackages"]] + [days(curve[0]["date"])]
        self.start = min(starts)
        self.start_text = dt.date.fromordinal(self.start).isoformat()
        # (t, cumulative value) with t = days from the start + 1 (the end of that day).
        self.points = [(days(p["date"]) - self.start + 1, float(p["cumulativePlannedValue"]["amount"])) for p in curve]
        self.bac = float(baseline["budgetAtCompletion"]["amount"])
        self.currency = baseline["budgetAtCompletion"]["currency"]
        self.planned_duration = self.points[-1][0]

    def planned_value(self, t):
        if t <= 0:
            return 0.0
        previous_t, previous_v = 0, 0.0
        for point_t, value in self.points:
            if t == point_t:
                return value
            if t < point_t:
                return previous_v + (value - previous_v) * (t - previous_t) / (point_t - previous_t)
            previous_t, previous_v = point_t, value
        return self.bac

    def earned_schedule(self, earned):
        if earned <= 0:
            return 0.0
        if earned >= self.bac:
            return float(self.planned_duration)
        previous_t, previous_v = 0, 0.0
        for point_t, value in self.points:
            if value >= earned:
                if value == previous_v:
                    return float(previous_t)
                return previous_t + (point_t - previous_t) * (earned - previous_v) / (value - previous_v)
            previous_t, previous_v = point_t, value
        return float(self.planned_duration)


class Rules:
    """The policy's monitoring settings, with the documented defaults."""

    def __init__(self, policy):
        monitoring = policy["monitoring"]
        self.version = policy["version"]
        self.schedule = (monitoring["scheduleBands"]["greenFrom"], monitoring["scheduleBands"]["amberFrom"])
        self.cost = (monitoring["costBands"]["greenFrom"], monitoring["costBands"]["amberFrom"])
        quality = monitoring.get("qualityBands") or {}
        self.defects = (quality.get("openDefectsAmberFrom", 10), quality.get("openDefectsRedFrom", 20))
        self.failed_tests = (quality.get("failedAcceptanceTestsAmberFrom", 1), quality.get("failedAcceptanceTestsRedFrom", 3))
        self.risk_red = monitoring["riskEscalationScore"]
        self.risk_amber = monitoring.get("riskAmberScore", self.risk_red / 2)
        self.tolerance = monitoring.get("trendTolerance", 0.01)
        self.method = monitoring.get("estimateAtCompletionMethod", "bac-over-cpi")

    @staticmethod
    def band(index, bands):
        if index is None or index >= bands[0]:
            return GREEN
        return AMBER if index >= bands[1] else RED

    def quality(self, quality):
        open_defects, failed = quality["defectsOpen"], quality["failedAcceptanceTests"]
        if open_defects >= self.defects[1] or failed >= self.failed_tests[1]:
            return RED
        if open_defects >= self.defects[0] or failed >= self.failed_tests[0]:
            return AMBER
        return GREEN

    def risk(self, risks):
        scores = [round(r["probability"] * r["impact"], 9) for r in risks if r["status"] in ("open", "mitigating")]
        top = max(scores, default=0)
        if top >= self.risk_red:
            return RED
        return AMBER if top >= self.risk_amber else GREEN

    def estimate(self, bac, earned, actual, planned):
        if self.method == "ac-plus-remaining":
            return actual + (bac - earned)
        if self.method == "ac-plus-remaining-over-cpi-x-spi":
            if actual == 0 or planned == 0 or earned == 0:
                return None
            return actual + (bac - earned) * actual * planned / (earned * earned)
        if actual == 0 or earned == 0:
            return None
        return bac * actual / earned

    def trend(self, previous, spi, cpi):
        if previous is None:
            return "stable"
        changes = [round(now - before, 12) for now, before in ((spi, previous[0]), (cpi, previous[1]))
                   if now is not None and before is not None]
        if any(change < -self.tolerance for change in changes):
            return "deteriorating"
        if any(change > self.tolerance for change in changes):
            return "improving"
        return "stable"


def assess(report, state, rules, assessed_at):
    """The health of one report, and the project's new state."""
    baseline = state.get("baseline_object")
    if baseline is None:
        return {"projectId": report["projectId"], "assessedAt": assessed_at, "asOf": report["periodEnd"],
                "policyVersion": rules.version, "measurement": "no-baseline"}, False
    currency = baseline.currency
    bac = baseline.bac
    at = days(report["periodEnd"]) - baseline.start + 1
    planned = baseline.planned_value(at)
    if report.get("earnedValue") is not None:
        earned = float(report["earnedValue"]["amount"])
    else:
        earned = report["percentComplete"] / 100 * bac
    actual = float(report["actualCost"]["amount"])
    spi = earned / planned if planned else None
    cpi = earned / actual if actual else None
    eac = rules.estimate(bac, earned, actual, planned)
    figures = {"plannedValue": money(planned, currency), "earnedValue": money(earned, currency),
               "actualCost": money(actual, currency), "budgetAtCompletion": money(bac, currency),
               "scheduleVariance": money(earned - planned, currency), "costVariance": money(earned - actual, currency),
               "estimateMethod": rules.method}
    if spi is not None:
        figures["schedulePerformanceIndex"] = round_away(spi, 4)
    if cpi is not None:
        figures["costPerformanceIndex"] = round_away(cpi, 4)
    if eac is not None:
        figures["estimateAtCompletion"] = money(eac, currency)
        figures["estimateToComplete"] = money(eac - actual, currency)
        figures["varianceAtCompletion"] = money(bac - eac, currency)
    if bac != actual:
        figures["toCompletePerformanceIndex"] = round_away((bac - earned) / (bac - actual), 4)
    earned_schedule = baseline.earned_schedule(earned)
    schedule = {"start": baseline.start_text, "plannedDurationDays": baseline.planned_duration, "actualTimeDays": at,
                "earnedScheduleDays": round_away(earned_schedule, 4)}
    if at > 0:
        spi_t = earned_schedule / at
        schedule["schedulePerformanceIndexTime"] = round_away(spi_t, 4)
        if spi_t > 0:
            duration = baseline.planned_duration / spi_t
            whole = math.floor(duration)
            finish_days = whole if duration - whole <= 1e-6 else whole + 1
            finish = baseline.start + finish_days - 1
            if finish_days >= 1 and finish <= dt.date.max.toordinal():
                schedule["forecastFinish"] = dt.date.fromordinal(finish).isoformat()
    ratings = {"schedule": Rules.band(spi, rules.schedule), "cost": Rules.band(cpi, rules.cost),
               "quality": rules.quality(report["quality"]), "risk": rules.risk(report.get("risks", []))}
    ratings["overall"] = min(ratings.values(), key=WORST.__getitem__)
    trend = rules.trend(state.get("indices"), spi, cpi)
    state["indices"] = (spi, cpi)
    state["asOf"] = report["periodEnd"]
    return {"projectId": report["projectId"], "assessedAt": assessed_at, "asOf": report["periodEnd"],
            "policyVersion": rules.version, "measurement": "measured", "baselineRevision": report["baselineRevision"],
            "figures": figures, "schedule": schedule, "ratings": ratings, "trend": trend}, True


def main():
    args = parse_args()
    rules = Rules(load_policy(args))
    extra = properties(args)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(1))

    producer = Producer({"bootstrap.servers": args.brokers, "transactional.id": args.group + "-peer",
                         "linger.ms": 5, "enable.idempotence": True, "acks": "all", **extra})
    producer.init_transactions(30)
    consumer = Consumer({"bootstrap.servers": args.brokers, "group.id": args.group, "enable.auto.commit": False,
                         "isolation.level": "read_committed", "auto.offset.reset": "earliest",
                         "session.timeout.ms": 6000, "fetch.wait.max.ms": 25,
                         "partition.assignment.strategy": "range", **extra})
    states = {}
    offsets = {}
    pending = {}
    max_idle = args.max_idle_ms / 1000
    counts = {"records": 0, "transactions": 0, "changelog_records": 0, "no_baseline": 0}
    transaction = {"open": False, "records": 0, "began": 0.0}
    interval = args.commit_interval_ms / 1000

    def produce(topic, partition, key, value, headers=None):
        while True:
            try:
                producer.produce(topic, value=value, key=key, partition=partition, headers=headers)
                return
            except BufferError:
                producer.poll(0.01)

    def commit():
        if not transaction["open"]:
            return
        positions = [TopicPartition(topic, partition, offset) for (topic, partition), offset in offsets.items()]
        producer.send_offsets_to_transaction(positions, consumer.consumer_group_metadata(), 30)
        producer.commit_transaction(30)
        offsets.clear()
        transaction.update(open=False, records=0)
        counts["transactions"] += 1

    def on_revoke(_consumer, partitions):
        commit()
        for revoked in partitions:
            pending.pop(revoked.partition, None)

    def caught_up(partition):
        """Whether this instance has read the partition's baselines up to their end (as far as it knows)."""
        low, high = consumer.get_watermark_offsets(TopicPartition(BASELINES, partition), cached=True)
        if high == 0:
            return True
        if high < 0:
            return False
        position = consumer.position([TopicPartition(BASELINES, partition)])[0].offset
        return position >= high

    def merged(now):
        """Buffered records in the order a merge of the co-partitioned inputs gives (record time, then
        topic): a report waits for the baselines of its partition until they are read to their end,
        or for at most --max-idle-ms, like the runtime's merge order."""
        ready = []
        for partition, queues in pending.items():
            baselines, reports = queues[BASELINES], queues[REPORTS]
            free = None  # whether reports may pass without a baseline beside them (looked up once)
            while baselines or reports:
                if baselines and reports:
                    take = baselines if baselines[0].timestamp()[1] <= reports[0].timestamp()[1] else reports
                elif baselines:
                    take = baselines
                else:
                    if free is None:
                        free = caught_up(partition) or (queues["waiting"] is not None and now - queues["waiting"] >= max_idle)
                        if free:
                            queues["waiting"] = None
                    if not free:
                        if queues["waiting"] is None:
                            queues["waiting"] = now
                        break
                    take = reports
                ready.append(take.popleft())
        return ready

    def process(message, assessed_at):
        topic, partition, offset = message.topic(), message.partition(), message.offset()
        offsets[(topic, partition)] = offset + 1
        key = message.key()
        state = states.get(key)
        if state is None:
            state = states[key] = {}
        event = orjson.loads(message.value())
        if topic == BASELINES:
            baseline = Baseline(event)
            state["baseline_object"] = baseline
            state["baseline"] = baseline.document
        else:
            health, measured = assess(event, state, rules, assessed_at)
            if not measured:
                counts["no_baseline"] += 1
            state["reports"] = state.get("reports", 0) + 1
            produce(args.output, partition, key, orjson.dumps(health), [
                ("ce_specversion", b"1.0"), ("ce_id", f"{topic}/{partition}/{offset}/0".encode()),
                ("ce_source", SOURCE), ("ce_type", HEALTH_TYPE), ("ce_time", assessed_at.encode()),
                ("ce_subject", key), ("content-type", b"application/json")])
        persisted = {name: value for name, value in state.items() if name != "baseline_object"}
        produce(args.changelog, partition, key, orjson.dumps({"state": persisted}))
        counts["changelog_records"] += 1
        counts["records"] += 1

    consumer.subscribe([BASELINES, REPORTS], on_revoke=on_revoke)
    print("running", file=sys.stderr, flush=True)
    while not stopping:
        messages = consumer.consume(args.poll_records, 0.1)
        for message in messages:
            if message.error():
                raise KafkaException(message.error())
            queues = pending.get(message.partition())
            if queues is None:
                queues = pending[message.partition()] = {BASELINES: deque(), REPORTS: deque(), "waiting": None}
            queues[message.topic()].append(message)
        ready = merged(time.monotonic())
        if ready:
            assessed_at = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            for message in ready:
                if not transaction["open"]:
                    producer.begin_transaction()
                    transaction.update(open=True, began=time.monotonic())
                process(message, assessed_at)
                transaction["records"] += 1
                if transaction["records"] >= args.commit_records:
                    commit()
            producer.poll(0)
        if transaction["open"] and (transaction["records"] >= args.commit_records
                                    or time.monotonic() - transaction["began"] >= interval):
            commit()
    commit()
    consumer.close()
    producer.flush(30)
    for name, value in counts.items():
        print(f"{name}={value}")


if __name__ == "__main__":
    main()
