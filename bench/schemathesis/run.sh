#!/usr/bin/env bash
# Schemathesis against the live API, end to end: a fresh directory, the demo workspace,
# an admin API token, `flightdeck serve` in the background, `st run` over
# /api/v1/openapi.json with every check but one (see below), the server stopped. The
# exit code is schemathesis's (non-zero on any failure), or 1 when the server panicked.
#
#   bench/schemathesis/run.sh                      # builds target/debug/flightdeck first
#   EXAMPLES=300 SEED=2 bench/schemathesis/run.sh  # more test cases per operation
#   STRICT=1 bench/schemathesis/run.sh             # also positive_data_acceptance
#   FLIGHTDECK_BIN=/path/to/flightdeck bench/schemathesis/run.sh
#
# `positive_data_acceptance` is left out by default: it expects every schema-valid
# request to succeed, and some validity is not a schema's to say (an opaque `cursor`
# must be a `next` the server gave, ids must exist, a link's destination must be on the
# brand's domains, an event's `at` within 30 days, a creator token needs a creator).
# Those answers are 400s with the API's error body; docs/api.md lists them.
#
# Needs `st` (pip install schemathesis) on PATH, else it is installed into a venv under
# $WORK. Reports (JUnit, NDJSON) and the server log go to $WORK/report.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${WORK:-/tmp/flightdeck-schemathesis}"
EXAMPLES="${EXAMPLES:-100}"
SEED="${SEED:-1}"
CREATORS="${CREATORS:-200}"
WORKERS="${WORKERS:-2}"
SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"

if [ -z "${FLIGHTDECK_BIN:-}" ]; then
    (cd "$ROOT" && cargo build --quiet -p flightdeck)
    FLIGHTDECK_BIN="$ROOT/target/debug/flightdeck"
fi

mkdir -p "$WORK"
ST="$(command -v st || true)"
if [ -z "$ST" ]; then
    [ -x "$WORK/venv/bin/st" ] || {
        python3 -m venv "$WORK/venv"
        "$WORK/venv/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
    }
    ST="$WORK/venv/bin/st"
fi

DIR="$(mktemp -d "$WORK/run.XXXXXX")"
REPORT="$WORK/report"
rm -rf "$REPORT" && mkdir -p "$REPORT"
export FLIGHTDECK_DB="sqlite://$DIR/flightdeck.db"
unset FLIGHTDECK_WORKSPACE

echo "demo workspace ($CREATORS creators) in $DIR" >&2
"$FLIGHTDECK_BIN" demo --creators "$CREATORS" >"$REPORT/demo.log" 2>&1
TOKEN="$("$FLIGHTDECK_BIN" token create --role admin --label schemathesis 2>/dev/null)"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$FLIGHTDECK_BIN" serve --addr "127.0.0.1:$PORT" >"$REPORT/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT

CHECKS=(--checks all --exclude-checks positive_data_acceptance)
[ "${STRICT:-0}" = 1 ] && CHECKS=(--checks all)

set +e
"$ST" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    --wait-for-schema 30 \
    -H "Authorization: Bearer $TOKEN" \
    "${CHECKS[@]}" \
    --max-examples "$EXAMPLES" --seed "$SEED" --workers "$WORKERS" \
    --continue-on-failure \
    --report junit,ndjson --report-dir "$REPORT"
STATUS=$?
set -e

if grep -q "panicked" "$REPORT/server.log"; then
    echo "the server panicked (see $REPORT/server.log):" >&2
    grep -A2 "panicked" "$REPORT/server.log" >&2
    STATUS=1
fi
SERVER_ERRORS="$(cat "$REPORT"/ndjson-*.ndjson 2>/dev/null | grep -o '"status_code": *5[0-9][0-9]' | wc -l || true)"
echo "responses with a 5xx status: $SERVER_ERRORS; schemathesis exit code: $STATUS (reports in $REPORT)" >&2
exit "$STATUS"
