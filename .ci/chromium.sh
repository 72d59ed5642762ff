#!/usr/bin/env bash
# Makes Debian's Chromium and chromedriver available for the browser tests and
# exports FLIGHTDECK_CHROMEDRIVER (the driver binary) and FLIGHTDECK_CHROMIUM.
# Sourced by .ci/run; also usable by hand: `source .ci/chromium.sh`.

fd_chromium_log() { echo "chromium.sh: $*" >&2; }

if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
    fd_chromium_log "installing chromium and chromium-driver from the Debian packages"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >&2 \
            || fd_chromium_log "could not install chromium; the browser tests will fail"
    else
        fd_chromium_log "not root: install chromium and chromium-driver by hand"
    fi
fi
if command -v chromedriver >/dev/null 2>&1; then
    FLIGHTDECK_CHROMEDRIVER=$(command -v chromedriver)
    export FLIGHTDECK_CHROMEDRIVER
fi
if command -v chromium >/dev/null 2>&1; then
    FLIGHTDECK_CHROMIUM=$(command -v chromium)
    export FLIGHTDECK_CHROMIUM
fi
