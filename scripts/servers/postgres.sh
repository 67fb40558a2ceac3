#!/usr/bin/env bash
# A private PostgreSQL for the store tests, on 127.0.0.1 only.
#   start: installs Debian's postgresql if it is missing, creates a cluster under /tmp as the
#          `postgres` user (PostgreSQL refuses to run as root, and CI runs as root), starts it on
#          port ${P100_PG_PORT:-55432} with trust authentication, waits until it accepts
#          connections, and prints one line for the caller to eval:
#            export P100_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:<port>/postgres
#   stop:  stops it and removes its data.
# Logs go to stderr and to the cluster's log file, never stdout.
set -euo pipefail
port=${P100_PG_PORT:-55432}
data=/tmp/p100-postgres-$port
log() { echo "postgres.sh: $*" >&2; }

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ -z "$(bin_dir)" ]; then
      log "installing Debian's postgresql"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
    fi
    bin=$(bin_dir)
    if [ -f "$data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      log "already running on port $port"
    else
      rm -rf "$data"
      mkdir -p "$data" && chown postgres:postgres "$data" 2>/dev/null || true
      as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
      as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >&2
    fi
    for _ in $(seq 1 60); do
      "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q && break
      sleep 0.5
    done
    "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q || { log "not ready; see $data/server.log"; exit 1; }
    echo "export P100_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin=$(bin_dir)
    if [ -n "$bin" ] && [ -d "$data" ]; then as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || true; fi
    rm -rf "$data"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
