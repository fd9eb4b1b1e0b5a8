#!/usr/bin/env bash
# Load benchmark of the read side: wrk against a running release server, one
# run per endpoint, 16 connections. Prints a markdown table of latencies.
#
#   cargo build --release
#   ./target/release/readout bench-data --articles 100000 --database-url postgres://postgres@127.0.0.1:5432/readout_bench
#   ./target/release/readout serve --rate-limit-per-ip 0 --database-url postgres://postgres@127.0.0.1:5432/readout_bench &
#
# The server must run without the per-IP rate limit (`--rate-limit-per-ip 0`):
# wrk sends thousands of requests a second from 127.0.0.1, and 429s would show
# as "non-2xx" in the table.
#   bench/load.sh [http://127.0.0.1:8080] [seconds per endpoint]
#
# Needs wrk (Debian: apt-get install wrk), curl and python3.
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
seconds=${2:-10}

source "$(dirname "$0")/endpoints.sh"

echo "| class | endpoint | req/s | p50 ms | p99 ms | target p99 |"
echo "|---|---|---|---|---|---|"
for entry in "${endpoints[@]}"; do
  class=${entry%%|*}
  path=${entry#*|}
  target=25
  [ "$class" = list ] || target=60
  # Let queries abandoned by the previous run finish before measuring the next.
  for _ in $(seq 1 30); do
    busy=$(psql -h 127.0.0.1 -U postgres -Atc "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
    [ "$busy" = 0 ] && break
    sleep 1
  done
  out=$(wrk -t2 -c16 -d"${seconds}s" --latency "$base$path")
  python3 -c '
import re, sys
cls, path, target, out = sys.argv[1:5]
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
p50, p99 = ms("50%"), ms("99%")
flag = "" if p99 <= float(target) else " ✗"
note = f" ({errors.group(1)} non-2xx!)" if errors else ""
print(f"| {cls} | `{path}`{note} | {float(rps):.0f} | {p50:.1f} | {p99:.1f}{flag} | {target} |")
' "$class" "$path" "$target" "$out"
done
