#!/usr/bin/env bash
# Captures the real plan (EXPLAIN ANALYZE, via auto_explain) of every query
# the benchmarked endpoints run, from PostgreSQL's log, into bench/explain.txt.
#
#   bench/explain.sh [http://127.0.0.1:8080] [database]   (run as root beside the local PostgreSQL)
#
# auto_explain is switched on for the database's new sessions; restart the
# server after the first run so its connections pick it up (the script says so).
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
database=${2:-readout_bench}
log=$(ls -t /var/log/postgresql/postgresql-*-main.log | head -n 1)
here=$(dirname "$0")

psql -h 127.0.0.1 -U postgres -q -d "$database" <<SQL
ALTER DATABASE $database SET session_preload_libraries = 'auto_explain';
ALTER DATABASE $database SET auto_explain.log_min_duration = 0;
ALTER DATABASE $database SET auto_explain.log_analyze = on;
ALTER DATABASE $database SET auto_explain.log_buffers = on;
ALTER DATABASE $database SET auto_explain.log_nested_statements = on;
SQL
echo "auto_explain is on for new sessions of $database: restart the server, then run again if no plans appear" >&2

source "$here/endpoints.sh"
out="$here/explain.txt"
: > "$out"
for entry in "${endpoints[@]}"; do
  path=${entry#*|}
  curl -sf "$base$path" > /dev/null  # warm the caches and the prepared statements
  from=$(stat -c %s "$log")
  curl -sf "$base$path" > /dev/null
  sleep 0.2
  {
    echo "=== GET $path"
    tail -c +"$((from + 1))" "$log" | sed -n '/plan:/,/^[0-9-]* [0-9:.]* UTC \[[0-9]*\] .*LOG:  /p' \
      | grep -v 'LOG:  statement\|duration: [0-9.]* ms  statement' || true
    echo
  } >> "$out"
done
grep -c "Seq Scan on \(statements\|positions\)" "$out" | sed 's/^/sequential scans over statements or positions: /' >&2
