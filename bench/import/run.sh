#!/usr/bin/env bash
# Import and listing benchmark: the demo generator writing 100,000 creators × 180 days
# of metrics, the CSV import of the same size, and `creators list` with filters over
# them; wall time, CPU time and peak memory from /usr/bin/time -v.
#
#   bash bench/import/run.sh            # CREATORS=100000 DAYS=180
#
# Builds the release binary (CARGO_TARGET_DIR is honoured; FLIGHTDECK_BIN=path skips it), works in a temporary
# directory, prints one line per step.
set -euo pipefail
CREATORS=${CREATORS:-100000}
DAYS=${DAYS:-180}
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${FLIGHTDECK_BIN:-}" ]; then
  (cd "$root" && cargo build --release -p flightdeck --quiet)
  FLIGHTDECK_BIN="${CARGO_TARGET_DIR:-$root/target}/release/flightdeck"
fi
FD=$(realpath "$FLIGHTDECK_BIN")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" >"$work/out" 2>"$work/time" || { cat "$work/time"; exit 1; }
  awk -v label="$label" -F': ' '
    /Elapsed \(wall clock\)/ {wall=$2}
    /User time/ {user=$2} /System time/ {sys=$2}
    /Maximum resident set size/ {rss=$2}
    END {printf "| %s | %s | %.1f s | %.0f MiB |\n", label, wall, user+sys, rss/1024}' "$work/time"
}

echo "| step | wall | CPU | peak RSS |"
echo "|---|---|---|---|"
measure "demo --creators $CREATORS (generate, store, score)" "$FD" --db "sqlite://$work/demo.db" demo --creators "$CREATORS"
python3 "$root/bench/import/generate.py" "$work/csv" "$CREATORS" "$DAYS" >/dev/null
"$FD" --db "sqlite://$work/import.db" workspace create bench >/dev/null
measure "import creators ($CREATORS creators)" "$FD" --db "sqlite://$work/import.db" import creators "$work/csv/creators.csv" --no-rescore
measure "import metrics ($(($(wc -l <"$work/csv/metrics.csv") - 1)) rows)" "$FD" --db "sqlite://$work/import.db" import metrics "$work/csv/metrics.csv" --no-rescore
measure "vet --rescore (stored scores, every persona)" "$FD" --db "sqlite://$work/import.db" vet --rescore
for filters in "--tier micro --platform instagram --country NL --limit 50" \
               "--niche food --country BE --sort followers --limit 20" \
               "--tier nano" ; do
  # shellcheck disable=SC2086
  measure "creators list $filters" "$FD" --db "sqlite://$work/demo.db" creators list $filters --format json
done
measure "creators list --persona 'Bewuste Britt' --min-score 60 --sort score --limit 20" \
  "$FD" --db "sqlite://$work/demo.db" creators list --persona "Bewuste Britt" --min-score 60 --sort score --limit 20 --format json
