#!/usr/bin/env bash
# End-to-end test of the dashboard: starts Readout on a free port with a
# database of its own, ingests the fixture articles, and drives the page in
# headless Chromium (Debian's, not a Playwright download).
#
#   bash tests/e2e/run.sh        # screenshots land in tests/e2e/artifacts/
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
[ -d tests/e2e/node_modules ] || (cd tests/e2e && npm ci --no-audit --no-fund)

# The page is embedded in the binary: make sure the server has the current one.
[ -n "${READOUT_BIN:-}" ] || cargo build --quiet --bin readout

source tests/support/server.sh
start_server
echo "readout at $READOUT_BASE"

for fixture in tests/e2e/fixtures/*.json; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$READOUT_BASE/v1/articles" \
    -H 'Content-Type: application/json' --data-binary "@$fixture")
  case "$status" in
    200 | 201) echo "ingested $fixture ($status)" ;;
    *) echo "ingesting $fixture answered $status" >&2; exit 1 ;;
  esac
done

node tests/e2e/dashboard.mjs
