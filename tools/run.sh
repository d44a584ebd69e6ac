#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build kc (without the tests, which need
# more packages: tools/test.sh installs and builds those), ingest content/ into index/,
# then serve on http://127.0.0.1:8080 (extra arguments go to kc serve, e.g. --port 9000).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./tools/setup.sh
./tools/build.sh Release -DKC_BUILD_TESTS=OFF
kc=build/release/kc
$kc ingest --content content --index index
exec $kc serve --content content --index index --data data "$@"
