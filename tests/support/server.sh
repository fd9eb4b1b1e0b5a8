# Sourced by the browser and SDK test runners: starts the debug `readout`
# binary (built by `cargo test`) on a free port with a database of its own,
# and stops it and drops the database on exit. Rate limits are off: the
# fuzzer and the SDK programs send bursts from 127.0.0.1 far above them.
#
#   source tests/support/server.sh
#   start_server            # sets READOUT_BASE (http://127.0.0.1:PORT), READOUT_DB_NAME and READOUT_DB_URL
#   ... tests against $READOUT_BASE ...
#   (stopped by the EXIT trap)

READOUT_BIN=${READOUT_BIN:-target/debug/readout}

# URL $1 naming database $2 instead, its query (a socket's `host=/dir`) kept.
with_database() {
  local base=${1%%\?*}
  local rest=${base#*://}
  echo "${base%%://*}://${rest%%/*}/$2${1#"$base"}"
}

# Where the servers' databases go, found as the Rust tests find it:
# READOUT_TEST_DATABASE_URL, else the default server when it lets us in, else
# the private cluster (`readout db start` makes and starts it if needed).
admin_url() {
  local default
  if [ -n "${READOUT_TEST_DATABASE_URL:-}" ]; then echo "$READOUT_TEST_DATABASE_URL"; return; fi
  default=$(with_database "${READOUT_DEFAULT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/readout}" postgres)
  if psql "$default" -XAtqc 'SELECT 1' >/dev/null 2>&1; then echo "$default"; return; fi
  with_database "$("$READOUT_BIN" db start)" postgres
}

start_server() {
  local port
  [ -x "$READOUT_BIN" ] || cargo build --bin readout
  PG_ADMIN_URL=$(admin_url)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  READOUT_DB_NAME="readout_ext_$$_$port"
  READOUT_DB_URL=$(with_database "$PG_ADMIN_URL" "$READOUT_DB_NAME")
  READOUT_BASE="http://127.0.0.1:$port"
  READOUT_LOG=$(mktemp)
  "$READOUT_BIN" serve --addr "127.0.0.1:$port" --database-url "$READOUT_DB_URL" \
    --rate-limit-per-ip 0 --rate-limit-per-key 0 \
    --webhook-allow-hosts "${READOUT_TEST_WEBHOOK_HOSTS:-127.0.0.1}" >"$READOUT_LOG" 2>&1 &
  READOUT_PID=$!
  trap stop_server EXIT
  for _ in $(seq 1 100); do
    curl -sf "$READOUT_BASE/readyz" >/dev/null 2>&1 && { export READOUT_BASE; return 0; }
    kill -0 "$READOUT_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "readout did not start; its log:" >&2
  cat "$READOUT_LOG" >&2
  return 1
}

stop_server() {
  [ -n "${READOUT_PID:-}" ] && kill "$READOUT_PID" 2>/dev/null && wait "$READOUT_PID" 2>/dev/null
  [ -n "${PG_ADMIN_URL:-}" ] && psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS \"$READOUT_DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -f "${READOUT_LOG:-}"
}
