#!/usr/bin/env bash
# The Docker image's build context, checked without a container engine:
# - every path the Dockerfile's build stage COPYs is let through by .dockerignore, and
#   nothing else is;
# - those paths alone, laid out in a temporary folder, compile with the build stage's
#   cargo flags (`cargo check` instead of `cargo build --release`: the same manifest,
#   build script and embedded files are read, in a fraction of the time);
# - docker-compose.yml is valid against the Compose specification.
#   tests/docker/context.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

# The build stage: the lines before the second FROM.
stage=$(awk '/^FROM /{n++} n==1' Dockerfile)
copied=$(echo "$stage" | awk '$1=="COPY" && $2 !~ /^--from/ {for (i=2; i<NF; i++) print $i}' | sort)
allowed=$(grep '^!' .dockerignore | cut -c2- | sort)
if [ "$copied" != "$allowed" ]; then
  echo "Dockerfile COPYs and .dockerignore disagree:"
  diff <(echo "$copied") <(echo "$allowed") || true
  exit 1
fi

build=$(echo "$stage" | sed -n 's/^RUN cargo build \(.*\)$/\1/p')
[[ "$build" == *"--locked"* ]] || { echo "the build stage's cargo build is not --locked"; exit 1; }
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
for path in $copied; do
  cp -r "$path" "$context/"
done
# Its own target folder, kept between runs so CI pays for the dependencies once.
CARGO_TARGET_DIR=${DOCKER_CHECK_TARGET:-target/docker-context} \
  cargo check --quiet --locked --bin readout --manifest-path "$context/Cargo.toml"
echo "build context: the Dockerfile's $(echo "$copied" | wc -l) paths compile alone"

command -v check-jsonschema > /dev/null || python3 -m pip install --quiet --disable-pip-version-check check-jsonschema 2> /dev/null
check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
