#!/usr/bin/env bash
# Profiles a process under test while it drains preloaded input: scripts/bench.sh's drain of that
# process alone, with `perf record` attached to it from its start to the last output, then perf's
# top items by self time. By default the Swift runtime's exactly-once path (the test counter).
#
#   scripts/profile.sh                          the counter, frame-pointer call graphs
#   scripts/profile.sh --call-graph dwarf       DWARF unwinding (larger files, more complete stacks)
#   scripts/profile.sh --target c-eos           the C exactly-once reference instead
#   scripts/profile.sh --events 100000 --counter-arg=--commit-records=5000
#
# Other arguments go to pmo-bench. The profile stays in .run/profile-<target>.data, the report
# with call graphs in .run/profile-<target>.txt (flat: .txt.flat, inclusive per function:
# .txt.children); `perf report -i FILE` browses it. Needs perf (Debian: linux-perf) and, when
# not root, kernel.perf_event_paranoid <= 2 (user-space samples only) or lower.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PMO_ROOT"
command -v perf >/dev/null || die "perf is not installed (Debian: apt-get install linux-perf)"

call_graph=fp
target=swift-eos
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --call-graph) call_graph="$2"; shift 2 ;;
    --call-graph=*) call_graph="${1#*=}"; shift ;;
    --target) target="$2"; shift 2 ;;
    --target=*) target="${1#*=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

mkdir -p "$PMO_RUN"
data="$PMO_RUN/profile-$target.data"
report="$PMO_RUN/profile-$target.txt"
rm -f "$data"
bash scripts/bench.sh --runs drain --drains "$target" --perf-target "$target" \
  --perf-output "$data" --perf-call-graph "$call_graph" "${args[@]}"

[ -s "$data" ] || die "perf wrote no profile"
# The top items by self time, flat; and the same with their call graphs, kept in the .txt file.
perf report -i "$data" --no-children --percent-limit 1 --stdio -g none >"$report.flat" 2>/dev/null || true
perf report -i "$data" --no-children --percent-limit 1 --stdio >"$report" 2>/dev/null || true
# Swift symbols read better demangled.
if command -v swift >/dev/null && swift demangle --help >/dev/null 2>&1; then
  for file in "$report.flat" "$report"; do
    swift demangle --simplified <"$file" >"$file.tmp" && mv "$file.tmp" "$file"
  done
fi
echo
echo "CPU samples by thread name (perf report --sort comm):"
perf report -i "$data" --no-children --stdio -g none --sort comm 2>/dev/null | grep -v '^#' | sed '/^$/d' || true
echo
echo "perf report --no-children --percent-limit 1 --stdio -g none (first 60 lines; with call graphs in $report):"
head -n 60 "$report.flat"
# Inclusive time per function (self plus callees, from the call graphs): where the time goes.
perf report -i "$data" --children --percent-limit 3 --stdio -g none --sort sym 2>/dev/null \
  | grep -v '^#' | sed '/^$/d' >"$report.children" || true
if command -v swift >/dev/null && swift demangle --help >/dev/null 2>&1; then
  swift demangle --simplified <"$report.children" >"$report.tmp" && mv "$report.tmp" "$report.children"
fi
echo
echo "perf report --children --percent-limit 3 --stdio -g none --sort sym (inclusive, first 50 lines; all in $report.children):"
head -n 50 "$report.children" | cut -c1-200
