#!/usr/bin/env bash
# SDK test: generates a Python client (openapi-python-client) and TypeScript
# types (openapi-typescript, used with openapi-fetch) from the committed
# openapi/openapi.json, starts the debug server with a database of its own, and
# runs the quick starts in examples/ against it. Generated code lives in a temp
# dir and is deleted on exit.
#
#   tests/sdk/run.sh                      # ends with "N passed, N failed"
#   READOUT_SDK_STRICT=0 tests/sdk/run.sh # tolerate generator warnings (strict by default)
#
# Needs python3 (>= 3.11), node (>= 20) with npm, psql, and PyPI and npm
# reachable on the first run. The Python tools go to tests/sdk/.venv, the npm
# packages to examples/typescript/node_modules (both ignored by git).
set -uo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
SPEC=$ROOT/openapi/openapi.json
VENV=$ROOT/tests/sdk/.venv
TS_DIR=$ROOT/examples/typescript
STRICT=${READOUT_SDK_STRICT:-1}
SDK_TMP=$(mktemp -d "${TMPDIR:-/tmp}/readout-sdk.XXXXXX")

cleanup() {
  declare -F stop_server >/dev/null && stop_server
  rm -rf "$SDK_TMP"
}
trap cleanup EXIT

passed=0
failed=0
warned=()
step() { printf '\n== %s\n' "$*"; }

# --- Python: openapi-python-client ------------------------------------------
python_setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" || return 1
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/examples/python/requirements.txt" || return 1
  local log="$SDK_TMP/python-generate.log" strict_flag=()
  [ "$STRICT" = 1 ] && strict_flag=(--fail-on-warning)
  # The venv's bin goes first on PATH so the generator's ruff post-hooks run.
  PATH="$VENV/bin:$PATH" "$VENV/bin/openapi-python-client" generate \
    --path "$SPEC" --meta setup --output-path "$SDK_TMP/readout-api-client" "${strict_flag[@]}" \
    >"$log" 2>&1
  local rc=$?
  cat "$log"
  grep -q "^Warning(s) encountered" "$log" && warned+=("openapi-python-client")
  [ $rc -eq 0 ] && [ -d "$SDK_TMP/readout-api-client/readout_api_client" ] || return 1
  "$VENV/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$SDK_TMP/readout-api-client" || return 1
}

# --- TypeScript: openapi-typescript + openapi-fetch ---------------------------
typescript_setup() {
  (cd "$TS_DIR" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  (cd "$TS_DIR" && npx --no-install openapi-typescript "$SPEC" -o "$SDK_TMP/ts/readout.d.ts") || return 1
  # quickstart.ts imports its types from "readout-api"; point that at the
  # temp dir instead of the default examples/typescript/generated/.
  cat >"$SDK_TMP/tsconfig.json" <<EOF
{
  "extends": "$TS_DIR/tsconfig.json",
  "compilerOptions": { "paths": { "readout-api": ["$SDK_TMP/ts/readout.d.ts"] } },
  "files": ["$TS_DIR/quickstart.ts"]
}
EOF
}

step "python: generate the client from openapi/openapi.json"
python_setup && python_ready=1 || python_ready=0
step "typescript: install pinned packages, generate types"
typescript_setup && typescript_ready=1 || typescript_ready=0

step "server"
# shellcheck source=../support/server.sh
source "$ROOT/tests/support/server.sh"
start_server
server_rc=$?
trap cleanup EXIT # server.sh installed its own EXIT trap; keep the temp dir cleanup too
[ $server_rc -eq 0 ] || { echo "0 passed, 2 failed"; exit 1; }
echo "readout at $READOUT_BASE"

step "python quick start"
if [ "$python_ready" = 1 ] && "$VENV/bin/python" examples/python/quickstart.py; then
  passed=$((passed + 1)); echo "PASS python"
else
  failed=$((failed + 1)); echo "FAIL python"
fi

step "typescript quick start (tsc --noEmit, then tsx)"
if [ "$typescript_ready" = 1 ] &&
  (cd "$TS_DIR" && npx --no-install tsc -p "$SDK_TMP/tsconfig.json" && npx --no-install tsx quickstart.ts); then
  passed=$((passed + 1)); echo "PASS typescript"
else
  failed=$((failed + 1)); echo "FAIL typescript"
fi

echo
if [ ${#warned[@]} -gt 0 ]; then
  echo "WARNING: ${warned[*]} reported problems with openapi/openapi.json (see above);" \
    "READOUT_SDK_STRICT=1 makes them failures"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
