# Shell functions shared by the benchmarks in tools/bench/ (sourced, not run).

# free_port: prints a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wrk_parse LINE: parses the KCRESULT line that tools/bench/wrk.lua's done() prints into
# w_* (the raw fields), r_rps, r_p50, r_p99 (ms), r_errors (socket + non-2xx/3xx),
# r_err_detail (empty, or " (connect N, read N, …)") and r_requests.
wrk_parse() {
  eval "$(echo "$1" | sed 's/^KCRESULT //; s/\([a-z0-9_]*\)=/w_\1=/g')"
  r_rps=$(awk -v n="$w_requests" -v d="$w_duration_us" 'BEGIN { printf "%.0f", (d > 0 ? n / (d / 1e6) : 0) }')
  r_p50=$(awk -v u="$w_p50_us" 'BEGIN { printf "%.2f", u / 1000 }')
  r_p99=$(awk -v u="$w_p99_us" 'BEGIN { printf "%.2f", u / 1000 }')
  r_errors=$((w_connect + w_read + w_write + w_timeout + w_status))
  r_err_detail=""
  ((r_errors == 0)) || r_err_detail=" (connect $w_connect, read $w_read, write $w_write, timeout $w_timeout, non-2xx/3xx $w_status)"
  r_requests=$w_requests
}

# The folder of this file (tools/bench), for the helpers below.
bench_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# bench_convert CORPUS OUT [COPIES]: converts the MDN corpus at CORPUS into kc content at
# OUT with tools/bench/convert_corpus.py, replicated COPIES times (default 1; copies 2, 3,
# … get new slugs `<slug>-c2`, `<slug>-c3`, …: the same as tools/bench/ingest's
# KC_BENCH_COPIES) and prints the number of documents written. The converter's messages
# go to stderr; returns its exit status when it fails.
bench_convert() {
  local src=$1 out=$2 copies=${3:-1}
  python3 "$bench_lib_dir/convert_corpus.py" --src "$src" --out "$out" --copies "$copies" || return
  find "$out" -name '*.md' -type f | wc -l
}

# bench_install TOOL:PACKAGE…: installs with apt-get (sudo when not root) the Debian
# package of every TOOL (a command name or a path) not found; returns 1 when apt-get fails.
bench_install() {
  local pair tool sudo="" missing=()
  for pair in "$@"; do
    tool=${pair%%:*}
    command -v "$tool" >/dev/null 2>&1 || [[ -x "$tool" ]] || missing+=("${pair#*:}")
  done
  ((${#missing[@]})) || return 0
  printf 'bench: installing %s (apt-get)\n' "${missing[*]}" >&2
  ((EUID == 0)) || sudo=sudo
  $sudo apt-get install -y "${missing[@]}" >/dev/null || return 1
}
