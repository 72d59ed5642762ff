#!/usr/bin/env bash
# Makes a PostgreSQL server available for the conformance tests and exports
# FLIGHTDECK_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres.
#
#   source .ci/pg.sh          # exports the variable into the calling shell
#   eval "$(.ci/pg.sh)"       # the same when run as a program (prints `export ...`)
#
# - FLIGHTDECK_TEST_POSTGRES already set: kept as it is.
# - A server answers on 127.0.0.1:5432: used as user `postgres`.
# - Otherwise: PostgreSQL is installed from Debian's packages if no initdb is found,
#   and a private, throw-away cluster (trust auth on 127.0.0.1 only, fsync off) is
#   started from a temporary directory as the `postgres` user, on 5432 or the next
#   free port. FLIGHTDECK_PG_DATA names its directory; stop it with
#   `pg_ctl -D "$FLIGHTDECK_PG_DATA/data" stop` (as its owner).

fd_pg_log() { echo "pg.sh: $*" >&2; }

# Whether a PostgreSQL server answers on 127.0.0.1:$1.
fd_pg_answers() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h 127.0.0.1 -p "$1" -t 3
    else
        local bin
        bin=$(fd_pg_bindir)
        if [ -n "$bin" ] && [ -x "$bin/pg_isready" ]; then
            "$bin/pg_isready" -q -h 127.0.0.1 -p "$1" -t 3
        else
            fd_pg_port_busy "$1"
        fi
    fi
}

# Whether anything accepts TCP connections on 127.0.0.1:$1.
fd_pg_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The newest installed PostgreSQL bin directory (empty when none is).
fd_pg_bindir() {
    # shellcheck disable=SC2012 # the directories are version numbers
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

fd_pg_as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        fd_pg_log "need root to run: $*"
        return 1
    fi
}

fd_pg_install() {
    fd_pg_log "installing PostgreSQL from the Debian packages"
    fd_pg_as_root apt-get update -q >&2 || return 1
    DEBIAN_FRONTEND=noninteractive fd_pg_as_root apt-get install -y -q postgresql >&2 || return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root (PostgreSQL
# refuses to run as root), ourselves otherwise.
fd_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

# Starts a private cluster; sets FD_PG_PORT to the port it listens on.
fd_pg_start_private() {
    local bin dir port
    bin=$(fd_pg_bindir)
    if [ -z "$bin" ]; then
        fd_pg_install || return 1
        bin=$(fd_pg_bindir)
    fi
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        fd_pg_log "no initdb found under /usr/lib/postgresql/*/bin"
        return 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres || return 1
    fi
    port=5432
    while fd_pg_port_busy "$port"; do
        port=$((port + 1))
        if [ "$port" -gt 5532 ]; then
            fd_pg_log "no free port between 5432 and 5532"
            return 1
        fi
    done
    dir=$(mktemp -d "${TMPDIR:-/tmp}/flightdeck-pg.XXXXXX") || return 1
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir" || return 1; fi
    fd_pg_log "initdb $dir/data with $bin"
    fd_pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
    fd_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2 || { cat "$dir/server.log" >&2; return 1; }
    export FLIGHTDECK_PG_DATA="$dir"
    fd_pg_log "started PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port; stop: pg_ctl -D $dir/data stop"
    FD_PG_PORT=$port
}

fd_pg_main() {
    local port=5432
    if [ -n "${FLIGHTDECK_TEST_POSTGRES:-}" ]; then
        fd_pg_log "using FLIGHTDECK_TEST_POSTGRES as set"
        return 0
    fi
    if fd_pg_answers 5432; then
        fd_pg_log "a server answers on 127.0.0.1:5432; using it as user postgres"
    else
        fd_pg_start_private || return 1
        port=$FD_PG_PORT
    fi
    export FLIGHTDECK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: export into the caller's shell; never exit it.
    fd_pg_main || { fd_pg_log "could not provide PostgreSQL"; return 1; }
else
    set -euo pipefail
    fd_pg_main
    printf 'export FLIGHTDECK_TEST_POSTGRES=%q\n' "$FLIGHTDECK_TEST_POSTGRES"
    if [ -n "${FLIGHTDECK_PG_DATA:-}" ]; then printf 'export FLIGHTDECK_PG_DATA=%q\n' "$FLIGHTDECK_PG_DATA"; fi
fi
