#!/usr/bin/env bash
# Browser tests: serves a scratch copy of the starter content (content/) with `kc serve`
# on a free loopback port, then runs four suites over it: headless Chromium end to end at
# 360 and 240 px (tests/browser/e2e.mjs), the text-mode browsers Lynx and w3m
# (text_browser.sh), Lighthouse on a 2G phone with thresholds (lighthouse.mjs), and the
# staff scenario (staff.mjs), which signs in with a random staff token and writes guides
# into the copy (so it runs last).
#
#   tests/browser/run.sh [KC_BINARY] [OUTDIR]
#
# KC_BINARY defaults to build/release/kc (nothing is built here); OUTDIR, for the
# screenshots and the downloaded file, defaults to test-results/browser/ (git-ignored);
# the text dumps and the Lighthouse reports go beside it (test-results/text/, lighthouse/).
# Needs node, /usr/bin/chromium, lynx, w3m, tools/node_modules/playwright-core and
# lighthouse (tools/setup.sh --test).
# Exit: 0 all passed, 1 a check failed, 2 when the set-up fails (the first failing suite's status).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"  # kc serve finds web/ and tools/node_modules relative to the working folder

kc=${1:-build/release/kc}
[[ "$kc" == /* ]] || kc="$top/$kc"
out=${2:-test-results/browser}
[[ "$out" == /* ]] || out="$top/$out"
text_out="$(dirname "$out")/text"
lighthouse_out="$(dirname "$out")/lighthouse"

die() { echo "browser: $*" >&2; exit 2; }
[[ -x "$kc" ]] || die "kc binary not found at $kc (build it: tools/build.sh Release)"
command -v node >/dev/null || die "node is missing (tools/setup.sh --test)"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing (apt-get install chromium)"
[[ -d tools/node_modules/playwright-core ]] || die "tools/node_modules/playwright-core is missing (tools/setup.sh --test)"
command -v curl >/dev/null || die "curl is missing"

work=$(mktemp -d "${TMPDIR:-/tmp}/kc-browser.XXXXXX")
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

cp -R content "$work/content"  # the staff scenario writes guides: never into the repository
staff_token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
"$kc" ingest --content "$work/content" --index "$work/index" >"$work/ingest.out" 2>"$work/ingest.err" ||
  { cat "$work/ingest.err" >&2; die "kc ingest failed"; }
echo "browser: $(cat "$work/ingest.out")"

port=$(free_port)
KC_STAFF_TOKEN="$staff_token" "$kc" serve --content "$work/content" --index "$work/index" --data "$work/data" --host 127.0.0.1 --port "$port" \
  >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$work/serve.err" >&2
    server_pid=""
    die "kc serve exited at start"
  fi
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true)" == 200 ]] && break
  sleep 0.1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true)" == 200 ]] ||
  { cat "$work/serve.err" >&2; die "no 200 from $base/healthz after 10 s"; }
echo "browser: kc serve on $base"

# Three suites against the same server; each runs even when an earlier one failed.
rc=0
node tests/browser/e2e.mjs "$base" "$out" || rc=$?
echo "== text-mode browsers (lynx, w3m)"
tests/browser/text_browser.sh "$base" "$text_out" || rc=$((rc == 0 ? $? : rc))
echo "== Lighthouse, 2G phone"
node tests/browser/lighthouse.mjs "$base" "$lighthouse_out" || rc=$((rc == 0 ? $? : rc))
echo "== staff: sign in, write, preview, publish"
KC_E2E_STAFF_TOKEN="$staff_token" node tests/browser/staff.mjs "$base" "$out" || rc=$((rc == 0 ? $? : rc))

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "browser: kc serve died during the test; its stderr:" >&2
  tail -n 30 "$work/serve.err" >&2
  server_pid=""
  ((rc != 0)) || rc=1
fi
stop_server
if grep -qiE 'error|exception|sanitizer' "$work/serve.err"; then
  echo "browser: kc serve's stderr mentions errors:" >&2
  grep -iE 'error|exception|sanitizer' "$work/serve.err" | head -n 20 >&2
fi
exit "$rc"
