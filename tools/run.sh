#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, ingest content/ into index/,
# then serve on http://127.0.0.1:8080 (until the server exists: print a search).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./tools/setup.sh
./tools/build.sh Release
kc=build/release/kc
$kc ingest --content content --index index
if $kc serve --help >/dev/null 2>&1; then
  exec $kc serve --content content --index index --data data "$@"
fi
echo
echo "Search for \"mercury\" (kc search mercury --index index):"
$kc search mercury --index index --size 3
