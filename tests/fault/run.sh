#!/usr/bin/env bash
# Fault test: PostgreSQL is stopped (immediate, as in a crash) in the middle
# of a batch ingest and started again 5 s later. After the client's retries
# every article must be stored exactly once, with no orphan derived rows, and
# the server must have recovered by itself (no restart).
#
# It runs on a throwaway PostgreSQL cluster of its own (initdb into a temp
# folder, on a free port): the shared cluster on 5432 is never touched.
set -euo pipefail
cd "$(dirname "$0")/../.."

ARTICLES=${FAULT_ARTICLES:-2000}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
READOUT_BIN=${READOUT_BIN:-target/debug/readout}
[ -x "$READOUT_BIN" ] || cargo build --bin readout

work=$(mktemp -d /tmp/readout-fault.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# PostgreSQL refuses to run as root: as root, run it as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_ctl_() {
  as_pg "$PG_BIN/pg_ctl" -D "$pg_data" -l "$work/postgres.log" -w "$@"
}

drop_cluster() {
  pg_ctl_ stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap drop_cluster EXIT

mkdir "$pg_data"
[ "$(id -u)" = 0 ] && chown postgres "$work" "$pg_data"
as_pg "$PG_BIN/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
pg_ctl_ -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
psql_() { psql "postgres://postgres@127.0.0.1:$pg_port/$1" -XAtqc "$2"; }

export READOUT_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
source tests/support/server.sh
start_server
trap 'stop_server; drop_cluster' EXIT
db=$READOUT_DB_NAME

"$READOUT_BIN" bench-data --articles "$ARTICLES" --seed 515 --ndjson "$work/articles.ndjson"
started=$(date +%s)
RUST_LOG=readout=info "$READOUT_BIN" ingest "$work/articles.ndjson" --server "$READOUT_BASE" \
  --batch 100 --concurrency 2 >"$work/ingest.log" 2>&1 &
client=$!

# Cut the database off once a fifth of the articles are in, while batches are in flight.
stored=0
for _ in $(seq 1 600); do
  stored=$(psql_ "$db" "SELECT count(*) FROM articles")
  [ "$stored" -ge $((ARTICLES / 5)) ] && break
  kill -0 "$client" 2>/dev/null || break
  sleep 0.1
done
pg_ctl_ stop -m immediate >/dev/null
echo "fault: PostgreSQL stopped (immediate) with $stored of $ARTICLES articles stored"
sleep 5
pg_ctl_ -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
echo "fault: PostgreSQL started again"

client_status=0
wait "$client" || client_status=$?
echo "fault: the client finished in $(( $(date +%s) - started ))s with exit code $client_status"
sed 's/^/  ingest: /' "$work/ingest.log" | grep -v 'batch not taken' || true
echo "fault: $(grep -c 'batch not taken' "$work/ingest.log" || true) retries"

orphans="
SELECT 'statements without article', count(*) FROM statements s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)
UNION ALL SELECT 'mentions without article', count(*) FROM article_officials o WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = o.article_id)
UNION ALL SELECT 'titles without article', count(*) FROM official_titles t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)
UNION ALL SELECT 'positions without article', count(*) FROM positions p WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id)
UNION ALL SELECT 'evidence without position', count(*) FROM position_evidence e WHERE NOT EXISTS (SELECT 1 FROM positions p WHERE p.id = e.position_id)
UNION ALL SELECT 'meeting sources without article', count(*) FROM meeting_reports r WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)
UNION ALL SELECT 'participants without source', count(*) FROM meeting_participants m WHERE NOT EXISTS (SELECT 1 FROM meeting_reports r WHERE r.id = m.report_id)
UNION ALL SELECT 'meetings with no source', count(*) FROM meetings m WHERE NOT EXISTS (SELECT 1 FROM meeting_reports r WHERE r.meeting_id = m.id)
UNION ALL SELECT 'officials with no mention', count(*) FROM officials o WHERE NOT EXISTS (SELECT 1 FROM article_officials a WHERE a.official_id = o.id)
UNION ALL SELECT 'broken ' || reference, broken FROM broken_references"

failures=()
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then echo "ok: $1 ($3)"; else echo "FAILED: $1: expected $2, got $3"; failures+=("$1"); fi
}
check "the client exits 0" 0 "$client_status"
check "no article failed" 1 "$(grep -c 'failed 0$' "$work/ingest.log" || true)"
check "the outage came mid-run" 1 "$([ "$stored" -gt 0 ] && [ "$stored" -lt "$ARTICLES" ] && echo 1 || echo 0)"
check "the client retried" 1 "$(grep -q 'batch not taken' "$work/ingest.log" && echo 1 || echo 0)"
check "articles stored" "$ARTICLES" "$(psql_ "$db" "SELECT count(*) FROM articles")"
check "distinct texts stored" "$ARTICLES" "$(psql_ "$db" "SELECT count(DISTINCT content_hash) FROM articles")"
while IFS='|' read -r what count; do
  check "$what" 0 "$count"
done < <(psql_ "$db" "$orphans")
check "the server is ready again without a restart" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$READOUT_BASE/readyz")"
check "the server still runs" 0 "$(kill -0 "$READOUT_PID" 2>/dev/null && echo 0 || echo 1)"

if [ ${#failures[@]} -eq 0 ]; then
  echo "1 passed, 0 failed"
else
  echo "server log (last 30 lines):"; tail -n 30 "$READOUT_LOG"
  echo "0 passed, 1 failed"
  exit 1
fi
