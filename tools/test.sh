#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build, and run every test: the include
# rules, the Release tests, the content check, the browser test, the download-resume
# fault test, then every test under ASan+UBSan and the integration tests under TSan.
#   KC_TEST_QUICK=1 tools/test.sh   skips the sanitizer builds (the everyday loop)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./tools/setup.sh --test

echo "== include rules"
./tools/check_includes.sh

run_tests() {  # build type
  local dir="build/$(echo "$1" | tr '[:upper:]' '[:lower:]')"
  echo "== build $1"
  ./tools/build.sh "$1" -DKC_BUILD_TESTS=ON
  echo "== tests $1"
  ctest --test-dir "$dir" -j"$(nproc)" --output-on-failure --timeout 300
}

run_tests Release
echo "== kc check on the starter content"
build/release/kc check --content content
echo "== browser tests: Chromium at 360 and 240 px, Lynx and w3m, Lighthouse on a 2G phone"
tests/browser/run.sh build/release/kc
echo "== wget -c resumes a download byte-identically"
tools/fault/wget_resume.sh build/release/kc
if [[ -z "${KC_TEST_QUICK:-}" ]]; then
  (
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    run_tests Asan
  )
  echo "== build Tsan"
  ./tools/build.sh Tsan -DKC_BUILD_TESTS=ON
  echo "== integration tests and the event log's unit tests under ThreadSanitizer"
  export TSAN_OPTIONS="suppressions=$top/tools/tsan.supp halt_on_error=1 second_deadlock_stack=1"
  ctest --test-dir build/tsan -j"$(nproc)" --output-on-failure --timeout 600 -R '^integration:'
  build/tsan/tests/kc_unit_tests '[stats]'  # appenders and the applier thread
fi
echo "== all tests passed"
