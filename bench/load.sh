#!/usr/bin/env bash
# Load benchmark of the read side: wrk against a running release server, one
# run per endpoint, 16 connections (or as many as the third argument says).
# Prints a markdown table of latencies against issue 14's targets: under load
# p99 <= 50 ms for lists and details, <= 150 ms for search and stats; on one
# connection p50 <= 10 ms and <= 50 ms.
#
#   cargo build --release
#   ./target/release/readout bench-data --articles 100000 --database-url postgres://postgres@127.0.0.1:5432/readout_bench
#   ./target/release/readout serve --rate-limit-per-ip 0 --database-url postgres://postgres@127.0.0.1:5432/readout_bench &
#
# The server must run without the per-IP rate limit (`--rate-limit-per-ip 0`):
# wrk sends thousands of requests a second from 127.0.0.1, and 429s would show
# as "non-2xx" in the table.
#   bench/load.sh [http://127.0.0.1:8080] [seconds per endpoint] [connections]
#   ONLY=stats bench/load.sh ...   # only the endpoints whose path holds "stats"
#
# Needs wrk (Debian: apt-get install wrk), curl and python3.
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
seconds=${2:-10}
connections=${3:-16}
threads=$(( connections < 2 ? connections : 2 ))
# The figure the target bounds: p50 for one connection, p99 under load.
measure=p99
[ "$connections" = 1 ] && measure=p50

source "$(dirname "$0")/endpoints.sh"

echo "| class | endpoint | req/s | p50 ms | p99 ms | target $measure |"
echo "|---|---|---|---|---|---|"
for entry in "${endpoints[@]}"; do
  class=${entry%%|*}
  path=${entry#*|}
  [[ "$path" == *"${ONLY:-}"* ]] || continue
  if [ "$measure" = p50 ]; then target=10; [ "$class" = list ] || target=50
  else target=50; [ "$class" = list ] || target=150; fi
  # Let queries abandoned by the previous run finish before measuring the next.
  for _ in $(seq 1 30); do
    busy=$(psql -h 127.0.0.1 -U postgres -Atc "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
    [ "$busy" = 0 ] && break
    sleep 1
  done
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$base$path")
  python3 -c '
import re, sys
cls, path, target, measure, out = sys.argv[1:6]
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
p50, p99 = ms("50%"), ms("99%")
flag = "" if {"p50": p50, "p99": p99}[measure] <= float(target) else " ✗"
timeouts = re.search(r"timeout (\d+)", out)
note = f" ({errors.group(1)} non-2xx!)" if errors else ""
note += f" ({timeouts.group(1)} timeouts!)" if timeouts and timeouts.group(1) != "0" else ""
p50s, p99s = (f"{p50:.1f}", f"{p99:.1f}") if measure == "p99" else (f"{p50:.1f}" + flag, f"{p99:.1f}")
if measure == "p99": p99s += flag
print(f"| {cls} | `{path}`{note} | {float(rps):.0f} | {p50s} | {p99s} | {target} |")
' "$class" "$path" "$target" "$measure" "$out"
done
