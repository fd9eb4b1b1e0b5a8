#!/usr/bin/env bash
# End-to-end ingestion benchmark: synthetic articles posted as NDJSON batches
# to a running release server (HTTP → extraction → PostgreSQL), then the raw
# PostgreSQL ceiling: COPY of the same rows the run stored into empty logged
# copies of the tables, and the ratio of the two.
#
#   cargo build --release
#   ./target/release/readout serve --rate-limit-per-ip 0 --database-url postgres://postgres@127.0.0.1:5432/readout_ingest &
#
# (With API keys in that database, export READOUT_KEY=<a write key>; it is sent
# as `Authorization: Bearer`.)
#   bench/ingest.sh [articles] [batch] [parallel] [base url] [database] [long|wire|typical]
set -euo pipefail
articles=${1:-20000}
batch=${2:-500}
parallel=${3:-2}
base=${4:-http://127.0.0.1:8080}
database=${5:-readout_ingest}
# The bench-data corpus: `long` (2–5 KB), `wire` (1–2.5 KB) or `typical`
# (wire length with the rows per article of real copy).
corpus=${6:-long}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./target/release/readout bench-data --articles "$articles" --seed 7 --corpus "$corpus" --ndjson "$work/all.ndjson"
split -l "$batch" -d -a 4 "$work/all.ndjson" "$work/batch-"
# CPU time (clock ticks) used so far by PostgreSQL's processes and by the
# server: where an article's time goes, beside the wall clock. The server is
# $READOUT_PID, else the newest `readout serve` process.
server_pid=${READOUT_PID:-$(pgrep -n -f "readout.* serve" || true)}
cpu_ticks() {
  local pg=0 api=0 f line comm
  for f in /proc/[0-9]*/stat; do
    { read -r line < "$f"; } 2>/dev/null || continue
    comm=${line#*(}; comm=${comm%%)*}
    # shellcheck disable=SC2086
    set -- ${line##*) }  # from the state on: utime and stime are the 12th and 13th
    if [ "${f#/proc/}" = "$server_pid/stat" ]; then api=$((api + ${12} + ${13}))
    elif [ "$comm" = postgres ]; then pg=$((pg + ${12} + ${13})); fi
  done
  echo "$pg $api"
}
read -r pg_before api_before < <(cpu_ticks)
start=$(date +%s.%N)
auth=()
[ -n "${READOUT_KEY:-}" ] && auth=(-H "Authorization: Bearer $READOUT_KEY")
# Each batch notes when it was stored, so the rate can be read per 10,000
# articles as the archive grows, not only on average.
export base work
ls "$work"/batch-* | xargs -P "$parallel" -I{} sh -c 'curl -sf -o /dev/null -X POST "$base/v1/articles:batch" \
  -H "Content-Type: application/x-ndjson" "$@" --data-binary @{} && date +%s.%N >> "$work/stored"' sh "${auth[@]}"
end=$(date +%s.%N)
python3 -c "print(f'HTTP batch ingest: $articles articles in {($end - $start):.1f} s = {$articles / ($end - $start):.0f} articles/s')"
python3 - "$start" "$work/stored" "$batch" <<'PY'
import sys
start, batch = float(sys.argv[1]), int(sys.argv[3])
stored = sorted(float(line) for line in open(sys.argv[2]))
per = max(1, 10000 // batch)
rates, previous = [], start
for i in range(per, len(stored) + 1, per):
    rates.append(f"{per * batch / (stored[i - 1] - previous):,.0f}")
    previous = stored[i - 1]
if len(rates) > 1:
    print("articles/s per 10,000 stored:", " ".join(rates))
PY
read -r pg_after api_after < <(cpu_ticks)
hz=$(getconf CLK_TCK)
python3 -c "print(f'CPU per article: PostgreSQL {($pg_after - $pg_before) / $hz / $articles * 1000:.2f} ms, server {($api_after - $api_before) / $hz / $articles * 1000:.2f} ms')"

# The ceiling: the same rows written by COPY alone (client-side \copy) into
# empty logged copies of the tables with the same indexes (TEMP tables would
# skip the WAL, which ingestion pays), no extraction, no HTTP; then the ratio
# of end-to-end ingestion to it.
tables="articles statements positions position_evidence article_officials"
{
  echo "SET client_min_messages = warning; DROP SCHEMA IF EXISTS ceiling CASCADE; CREATE SCHEMA ceiling;"
  for t in $tables; do
    echo "\\copy $t TO '$work/$t.copy'"
    echo "CREATE TABLE ceiling.$t (LIKE public.$t INCLUDING ALL);"
  done
  echo "\\timing on"
  for t in $tables; do echo "\\copy ceiling.$t FROM '$work/$t.copy'"; done
  echo "\\timing off"
  echo "DROP SCHEMA ceiling CASCADE;"
} | psql -h 127.0.0.1 -U postgres -d "$database" -q > "$work/ceiling.txt"
python3 - "$work/ceiling.txt" "$articles" "$start" "$end" "$tables" <<'PY'
import re, sys
text, articles, start, end, tables = open(sys.argv[1]).read(), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5].split()
seconds = [float(ms) / 1000 for ms in re.findall(r"^Time: ([\d.]+) ms", text, re.M)]
ceiling = articles / sum(seconds)
parts = " + ".join(f"{t} {s:.2f}" for t, s in zip(tables, seconds))
print(f"COPY into logged tables: {parts} = {sum(seconds):.1f} s = {ceiling:,.0f} articles/s; "
      f"end to end is {articles / (end - start) / ceiling:.0%} of it")
PY
