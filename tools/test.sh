#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build, and run every test:
# the include rules, the Release tests, then the same tests under ASan+UBSan.
#   KC_TEST_QUICK=1 tools/test.sh   skips the sanitizer build (the everyday loop)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./tools/setup.sh --test

echo "== include rules"
./tools/check_includes.sh

run_tests() {  # build type
  local dir="build/$(echo "$1" | tr '[:upper:]' '[:lower:]')"
  echo "== build $1"
  ./tools/build.sh "$1"
  echo "== tests $1"
  ctest --test-dir "$dir" -j"$(nproc)" --output-on-failure --timeout 300
}

run_tests Release
echo "== kc check on the starter content"
build/release/kc check --content content
if [[ -z "${KC_TEST_QUICK:-}" ]]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_tests Asan
fi
echo "== all tests passed"
