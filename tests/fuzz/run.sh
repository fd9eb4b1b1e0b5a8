#!/usr/bin/env bash
# Property-based API fuzzing: schemathesis (from PyPI) generates requests from
# the committed OpenAPI document against a live server, and checks that no
# answer is a 5xx and every answer conforms to the document.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=tests/fuzz/.venv
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==4.32.5"
fi
source tests/support/server.sh
start_server
# GET /v1/events is a stream that never ends: a fuzzer's request would only
# time out (its filters' 400s are tested in tests/events.rs).
if "$venv/bin/schemathesis" run openapi/openapi.json --url "$READOUT_BASE" --no-color \
    --exclude-operation-id stream_events \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "${FUZZ_EXAMPLES:-25}" --seed 20261128; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
