#!/usr/bin/env bash
# The API's own cost: for each query in bench/sql/*.sql (the SQL an endpoint
# runs, as auto_explain logged it, with the parameters written in), the p50 of
# the endpoint over HTTP (wrk, one connection) against the p50 of the same SQL
# run directly (pgbench, one connection). Prints a markdown table.
#
#   bench/api_vs_sql.sh [http://127.0.0.1:8080] [database] [seconds]
#
# Each SQL file starts with a comment line `-- GET /v1/...` naming its endpoint.
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
database=${2:-readout_bench}
seconds=${3:-10}
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| endpoint | API p50 ms | SQL p50 ms | API adds |"
echo "|---|---|---|---|"
for file in "$here"/sql/*.sql; do
  path=$(head -n 1 "$file" | sed 's/^-- GET //')
  api=$(wrk -t1 -c1 -d"${seconds}s" --latency "$base$path" | awk '$1 == "50%" { print $2 }')
  (sql=$(realpath "$file"); cd "$work" && rm -f pgbench_log.* && pgbench -h 127.0.0.1 -U postgres -n -c1 -T "$seconds" -f "$sql" -l "$database" > /dev/null 2>&1)
  python3 - "$path" "$api" "$work" <<'PY'
import glob, statistics, sys
path, api, work = sys.argv[1:4]
value, unit = float(api.rstrip("msu")), api.lstrip("0123456789.")
api_ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
# pgbench's log: client, transaction, latency in microseconds, ...
latencies = [int(line.split()[2]) / 1000 for f in glob.glob(f"{work}/pgbench_log.*") for line in open(f)]
sql_ms = statistics.median(latencies)
print(f"| `{path}` | {api_ms:.2f} | {sql_ms:.2f} | {100 * (api_ms - sql_ms) / sql_ms:+.0f}% |")
PY
done
