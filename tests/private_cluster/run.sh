#!/usr/bin/env bash
# A machine with PostgreSQL's programs but no server to use. The default address
# points at a closed port (READOUT_DEFAULT_DATABASE_URL), so:
#   1. `readout serve` with no URL makes a private cluster in a fresh folder,
#      starts it, answers /readyz, and stops the cluster on SIGTERM;
#   2. the whole `cargo test` finds the same folder's cluster, starts it again and
#      runs on it (the harness leaves it running; this script stops it).
# The shared server on 5432 is never used.
#
#   bash tests/private_cluster/run.sh      (READOUT_BIN=path to test another binary)
set -euo pipefail
cd "$(dirname "$0")/../.."

READOUT_BIN=${READOUT_BIN:-target/debug/readout}
[ -x "$READOUT_BIN" ] || cargo build --bin readout

work=$(mktemp -d /tmp/readout-private.XXXXXX)
chmod 755 "$work" # as root, the cluster's system user must pass through it
export READOUT_DATA_DIR=$work/postgres
export READOUT_DEFAULT_DATABASE_URL=postgres://postgres@127.0.0.1:1/readout # nothing listens on port 1
unset DATABASE_URL READOUT_TEST_DATABASE_URL
cleanup() {
  "$READOUT_BIN" db stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$READOUT_BIN" serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if ! curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then
  echo "private cluster: readout serve never answered /readyz; its log:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
echo "private cluster: readout serve answers /readyz, on $("$READOUT_BIN" db status | sed -n 1p)"

kill -TERM "$server"
status=0
wait "$server" || status=$?
if [ "$status" != 0 ] || ! "$READOUT_BIN" db status | grep -q '^stopped:'; then
  echo "private cluster: after SIGTERM readout exited with $status and the cluster is: $("$READOUT_BIN" db status)" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
echo "private cluster: SIGTERM stopped the server (exit 0) and then the cluster"

cargo test
echo "private cluster: the tests ran on $("$READOUT_BIN" db status | sed -n 1p)"
