#!/usr/bin/env bash
# Configures and builds one build type into build/<type> (lower case); quiet on success,
# prints the compiler's output on failure.
#   tools/build.sh [Release|Debug|Asan|Tsan] [extra cmake args…]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
type=${1:-Release}
shift || true
dir="$top/build/$(echo "$type" | tr '[:upper:]' '[:lower:]')"
mkdir -p "$dir"
log="$dir/build.log"
if ! { cmake -S "$top" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" && cmake --build "$dir" -j"$(nproc)"; } >"$log" 2>&1; then
  grep -E 'error|Error|warning' "$log" | head -50 >&2 || tail -50 "$log" >&2
  echo "build ($type) failed: full log in $log" >&2
  exit 2
fi
grep -E 'warning:' "$log" | sort -u | head -20 >&2 || true
