#!/usr/bin/env bash
# Flightdeck's path-file attribution side by side with the ChannelAttribution Python
# package on the same generated file: 1,000,000 paths over 20 channels, heuristic
# models, Markov order 1 and order 2. Every run is one process under /usr/bin/time -v
# (wall time and peak memory); the credits are compared afterwards.
#
#   bench/attribution/run.sh                 # everything (builds flightdeck --release)
#   ROWS=100000 bench/attribution/run.sh     # a smaller file
#   FLIGHTDECK_BIN=target/release/flightdeck bench/attribution/run.sh
#
# Needs python3 with venv, g++ and the Python headers (Debian: python3-venv python3-dev
# g++): pip compiles ChannelAttribution's C++. Work files go to $WORK (default
# /tmp/flightdeck-attribution-bench); the venv is kept there between runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${WORK:-/tmp/flightdeck-attribution-bench}"
ROWS="${ROWS:-1000000}"
CHANNELS="${CHANNELS:-20}"
SEED="${SEED:-7}"
mkdir -p "$WORK"

if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
fi
if ! "$WORK/venv/bin/python" -c "import ChannelAttribution" 2>/dev/null; then
    "$WORK/venv/bin/pip" install --quiet --upgrade pip
    "$WORK/venv/bin/pip" install --quiet "ChannelAttribution==2.2.5" pandas
fi
PY="$WORK/venv/bin/python"

if [ -z "${FLIGHTDECK_BIN:-}" ]; then
    (cd "$ROOT" && cargo build --release -p flightdeck)
    FLIGHTDECK_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/flightdeck"
fi

PATHS="$WORK/paths-$ROWS-$CHANNELS-$SEED.csv"
if [ ! -s "$PATHS" ]; then
    python3 "$HERE/generate.py" --rows "$ROWS" --channels "$CHANNELS" --seed "$SEED" --out "$PATHS"
fi
echo "path file: $PATHS ($(wc -l <"$PATHS") lines, $(du -h "$PATHS" | cut -f1))"

# timed NAME COMMAND...: runs the command under /usr/bin/time -v, keeps wall and peak RSS.
SUMMARY="$WORK/summary.txt"
: >"$SUMMARY"
timed() {
    local name="$1"
    shift
    /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    local wall rss cpu
    wall=$(grep "Elapsed (wall clock)" "$WORK/$name.time" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$WORK/$name.time" | awk '{print $NF}')
    cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$WORK/$name.time")
    printf '%-26s wall %10s  cpu %8s s  peak %8.1f MiB\n' "$name" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" | tee -a "$SUMMARY"
}

FD="$FLIGHTDECK_BIN"
timed flightdeck-heuristics "$FD" attribute --paths "$PATHS" --model first-touch,last-touch,linear --format json
timed flightdeck-markov-1 "$FD" attribute --paths "$PATHS" --model markov --order 1 --format json
timed flightdeck-markov-2 "$FD" attribute --paths "$PATHS" --model markov --order 2 --format json
timed flightdeck-all-models "$FD" attribute --paths "$PATHS" --model all --format json
timed ca-heuristics "$PY" "$HERE/ca_run.py" heuristic "$PATHS" "$WORK/ca-heuristics.csv"
timed ca-markov-1 "$PY" "$HERE/ca_run.py" markov "$PATHS" "$WORK/ca-markov-1.csv" --order 1
timed ca-markov-2 "$PY" "$HERE/ca_run.py" markov "$PATHS" "$WORK/ca-markov-2.csv" --order 2

echo
echo "credits compared (ChannelAttribution's Markov is simulated, Flightdeck's exact):"
cp "$WORK/flightdeck-heuristics.out" "$WORK/flightdeck-heuristics.json"
cp "$WORK/flightdeck-markov-1.out" "$WORK/flightdeck-markov-1.json"
cp "$WORK/flightdeck-markov-2.out" "$WORK/flightdeck-markov-2.json"
python3 "$HERE/compare.py" "$WORK/flightdeck-heuristics.json" "$WORK/ca-heuristics.csv" --label heuristics | tee -a "$SUMMARY"
python3 "$HERE/compare.py" "$WORK/flightdeck-markov-1.json" "$WORK/ca-markov-1.csv" --label markov-1 | tee -a "$SUMMARY"
python3 "$HERE/compare.py" "$WORK/flightdeck-markov-2.json" "$WORK/ca-markov-2.csv" --label markov-2 | tee -a "$SUMMARY"
echo
echo "summary: $SUMMARY"
