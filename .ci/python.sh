#!/usr/bin/env bash
# Makes `python3` with openapi-spec-validator available for the OpenAPI test
# (crates/flightdeck-server/tests/openapi.rs). Sourced by .ci/run: when the system
# python3 lacks the package, a virtual environment is made under $TMPDIR (from
# Debian's python3-venv if needed) and put first on PATH.

fd_py_log() { echo "python.sh: $*" >&2; }

if ! python3 -c "import openapi_spec_validator" >/dev/null 2>&1; then
    fd_py_venv="${TMPDIR:-/tmp}/flightdeck-ci-venv"
    if ! python3 -m venv "$fd_py_venv" >/dev/null 2>&1; then
        fd_py_log "installing python3-venv from the Debian packages"
        if [ "$(id -u)" -eq 0 ]; then
            apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv python3-pip >&2
        fi
        python3 -m venv "$fd_py_venv" >&2 || fd_py_log "could not make a venv; the OpenAPI validator test will fail"
    fi
    if [ -x "$fd_py_venv/bin/pip" ]; then
        "$fd_py_venv/bin/pip" install -q openapi-spec-validator >&2 \
            || fd_py_log "could not install openapi-spec-validator; the OpenAPI validator test will fail"
        PATH="$fd_py_venv/bin:$PATH"
        export PATH
    fi
fi
