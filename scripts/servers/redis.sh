#!/usr/bin/env bash
# A private Redis for the store tests, on 127.0.0.1 only.
#   start: installs Debian's redis-server if it is missing, starts one on port
#          ${P100_REDIS_PORT:-56379} (no persistence: test data only; see docs/ledger-stores.md for
#          production settings), waits until it answers PING, and prints one line to eval:
#            export P100_TEST_REDIS_URL=redis://127.0.0.1:<port>
#   stop:  shuts it down and removes its directory.
set -euo pipefail
port=${P100_REDIS_PORT:-56379}
dir=/tmp/p100-redis-$port
log() { echo "redis.sh: $*" >&2; }

case "${1:-}" in
  start)
    if ! command -v redis-server >/dev/null; then
      log "installing Debian's redis-server"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } >&2
    fi
    if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
      mkdir -p "$dir"
      redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
    fi
    for _ in $(seq 1 60); do
      [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && break
      sleep 0.25
    done
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] || { log "not answering; see $dir/redis.log"; exit 1; }
    echo "export P100_TEST_REDIS_URL=redis://127.0.0.1:$port"
    ;;
  stop)
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
