#!/usr/bin/env bash
# Fault test: an interrupted download resumed with `wget -c` is byte-identical.
#
#   tools/fault/wget_resume.sh [KC_BINARY]
#
# Copies content/ to a temp folder (content/ itself is not touched), adds a 20 MB random
# files/large.bin, ingests the copy and serves it with `kc serve` on a free loopback port.
# Then: wget --limit-rate=2m in the background, killed after ~2 s (a partial file is
# left); `wget -c -S` resumes it, which must be answered "206 Partial Content"; the result
# is compared with `cmp`. The server's own record of the two requests (download events in
# /api/stats/downloads, analyst token) is shown too.
# KC_BINARY defaults to build/release/kc (nothing is built). Installs wget when missing.
# Prints `wget -c resume: byte-identical (N bytes)` and exits 0; else exits 1 (2: set-up).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"  # kc serve finds web/ relative to the working folder

kc=${1:-build/release/kc}
[[ "$kc" == /* ]] || kc="$top/$kc"
die() { echo "wget_resume: $*" >&2; exit 2; }
fail() { echo "wget_resume: FAIL: $*"; exit 1; }
[[ -x "$kc" ]] || die "kc binary not found at $kc (build it: tools/build.sh Release)"
command -v curl >/dev/null || die "curl is missing"

if ! command -v wget >/dev/null; then
  echo "wget_resume: installing wget" >&2
  sudo=""
  ((EUID == 0)) || sudo=sudo
  $sudo apt-get install -y wget >/dev/null || die "could not install wget (apt-get install -y wget)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kc-wget-resume.XXXXXX")
server_pid=""
wget_pid=""
stop() {  # stop PID: kill it and reap it
  [[ -n "$1" ]] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() { stop "$wget_pid"; stop "$server_pid"; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# A copy of the starter content plus a large random attachment.
cp -a content "$work/content"
mkdir -p "$work/content/files"
big="$work/content/files/large.bin"
head -c $((20 * 1024 * 1024)) /dev/urandom >"$big"
size=$(stat -c %s "$big")

"$kc" ingest --content "$work/content" --index "$work/index" >"$work/ingest.out" 2>"$work/ingest.err" ||
  { cat "$work/ingest.err" >&2; die "kc ingest failed"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
KC_ANALYST_TOKEN=$token "$kc" serve --content "$work/content" --index "$work/index" --data "$work/data" \
  --host 127.0.0.1 --port "$port" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
base="http://127.0.0.1:$port"
url="$base/files/large.bin"
for _ in $(seq 1 100); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; server_pid=""; die "kc serve exited at start"; }
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true)" == 200 ]] && break
  sleep 0.1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true)" == 200 ]] ||
  { cat "$work/serve.err" >&2; die "no 200 from $base/healthz after 10 s"; }

mkdir -p "$work/dl"
got="$work/dl/large.bin"
# A phone browser's User-Agent: wget's own is on the crawler list, and the server's
# record should show a counted download and its range continuation.
ua="Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"

# 1. A slow download, interrupted.
(cd "$work/dl" && exec wget -S --user-agent="$ua" --limit-rate=2m -o "$work/wget1.log" "$url") &
wget_pid=$!
sleep 2
kill "$wget_pid" 2>/dev/null || true
wait "$wget_pid" 2>/dev/null || true
wget_pid=""
[[ -f "$got" ]] || fail "no partial file after 2 s (wget log: $(tail -n 3 "$work/wget1.log" | tr '\n' ' '))"
partial=$(stat -c %s "$got")
((partial > 0 && partial < size)) || fail "the interrupted download holds $partial of $size bytes: not a partial file"
grep -q 'HTTP/1.1 200' "$work/wget1.log" || fail "the first request was not answered 200: $(grep 'HTTP/' "$work/wget1.log" | head -n 1)"
echo "wget_resume: interrupted after 2 s with $partial of $size bytes"

# 2. Resume.
(cd "$work/dl" && wget -c -S --user-agent="$ua" -o "$work/wget2.log" "$url") || fail "wget -c failed: $(tail -n 5 "$work/wget2.log" | tr '\n' ' ')"
status_line=$(grep -E '^\s*HTTP/[0-9.]+ [0-9]+' "$work/wget2.log" | tail -n 1 | sed 's/^ *//')
range_line=$(grep -iE '^\s*Content-Range:' "$work/wget2.log" | tail -n 1 | sed 's/^ *//')
[[ "$status_line" == *"206 Partial Content"* ]] || fail "the resumed request was answered '$status_line', not 206 Partial Content"
echo "wget_resume: resumed: $status_line; $range_line"
[[ "$range_line" == *"bytes $partial-$((size - 1))/$size"* ]] ||
  fail "Content-Range is '$range_line', expected 'bytes $partial-$((size - 1))/$size'"

cmp "$big" "$got" || fail "the resumed file differs from the original"

# The server's record of the two requests (informational: the first counts, the second
# is a range continuation, DESIGN §6).
today=$(date -u +%F)
stats=$(curl -s -H "Authorization: Bearer $token" "$base/api/stats/downloads?from=$today&to=$today&group=file" || true)
row=$(python3 -c 'import json,sys
try:
    d = json.loads(sys.argv[1])
except Exception:
    print("unreadable: " + sys.argv[1][:200]); sys.exit()
for r in d.get("rows", []):
    if r.get("key") == "files/large.bin":
        print("counted %s, excluded %s" % (r.get("counted"), json.dumps(r.get("excluded"), separators=(",", ":"))))
        break
else:
    print("no row for files/large.bin")' "$stats")
echo "wget_resume: server record of files/large.bin: $row"
[[ "$row" == *'counted 1,'*'"range_continuation":1'* ]] ||
  echo "wget_resume: note: expected the server to record counted 1 and range_continuation 1 (DESIGN §6)"

kill -0 "$server_pid" 2>/dev/null || fail "kc serve died during the test: $(tail -n 5 "$work/serve.err" | tr '\n' ' ')"
echo "wget -c resume: byte-identical ($size bytes)"
