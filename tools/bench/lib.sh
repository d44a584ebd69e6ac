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
