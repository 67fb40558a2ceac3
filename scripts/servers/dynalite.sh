#!/usr/bin/env bash
# A private dynalite (a DynamoDB implementation on LevelDB, in memory here) for the ledger store
# tests, on 127.0.0.1 only.
#   scripts/servers/dynalite.sh start   installs dynalite into a cache OUTSIDE the repo (its
#                                       classic-level dependency has an install script, which would
#                                       make the repo's `npm ci` warn; the in-memory mode does not
#                                       need it, so it is installed with --ignore-scripts), starts it
#                                       (idempotent) and prints ONLY
#                                       `export P100_TEST_DYNAMODB_ENDPOINT=http://127.0.0.1:<port>`
#   scripts/servers/dynalite.sh stop    stops it and removes its directory (idempotent)
# Port: P100_DYNAMODB_PORT (default 58000). Cache: P100_SERVER_CACHE (default ~/.cache/p100-webhooks-servers).
set -euo pipefail
version=4.0.0
port="${P100_DYNAMODB_PORT:-58000}"
cache="${P100_SERVER_CACHE:-$HOME/.cache/p100-webhooks-servers}/dynalite-$version"
dir="/tmp/p100-dynalite-$port"
pidfile="$dir/dynalite.pid"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answers() {
  node -e 'fetch(process.argv[1], { method: "POST" }).then(() => process.exit(0), () => process.exit(1))' "http://127.0.0.1:$port/" 2>/dev/null
}

case "${1:-}" in
  start)
    if [ ! -f "$cache/node_modules/dynalite/cli.js" ]; then
      mkdir -p "$cache"
      (cd "$cache" && echo '{"private":true}' >package.json &&
        npm install --no-audit --no-fund --ignore-scripts --no-save "dynalite@$version") >&2
    fi
    if ! running; then
      mkdir -p "$dir"
      nohup node "$cache/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$port" --createTableMs 50 --deleteTableMs 50 \
        >"$dir/dynalite.log" 2>&1 </dev/null &
      echo $! >"$pidfile"
    fi
    for _ in $(seq 1 100); do answers && break; sleep 0.1; done
    answers || { echo "dynalite on port $port did not answer (see $dir/dynalite.log)" >&2; exit 1; }
    echo "export P100_TEST_DYNAMODB_ENDPOINT=http://127.0.0.1:$port"
    ;;
  stop)
    if running; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      for _ in $(seq 1 50); do running || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
