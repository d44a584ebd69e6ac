#!/usr/bin/env bash
# Proves the Debian package on a pristine Debian 12: a minimal root (the one
# ../shared/tools/fresh-machine.sh caches, built with mmdebstrap when missing), where
# `apt-get install ./kc_….deb` must pull in every runtime library. Then, as the package's
# `kc` user and from / as the working folder, the installed kc ingests the starter content
# and serves it; a Googlebot download counts as a robot and a phone's as a reader
# (kc report); kc backup copies the log while the server runs, and the copy reports the
# same; systemd-analyze verifies the unit.
#   sudo tools/test_package.sh [build/kc_<version>_amd64.deb]   (default: build it with tools/package.sh)
# Run as root (chroot). CI runs it after tools/package.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[[ $(id -u) -eq 0 ]] || { echo "test_package: run as root (it uses chroot)" >&2; exit 2; }
deb=${1:-}
if [[ -z $deb ]]; then
  ./tools/package.sh >/dev/null
  deb=$(ls build/kc_*_amd64.deb)
fi
[[ -f $deb ]] || { echo "test_package: no package at $deb" >&2; exit 2; }

cache=/var/cache/kc-fresh/bookworm.tar
if [[ ! -s $cache ]]; then
  command -v mmdebstrap >/dev/null || { apt-get update -qq >/dev/null; apt-get install -y -qq mmdebstrap >/dev/null; }
  mkdir -p "$(dirname "$cache")"
  echo "test_package: building a minimal Debian 12 root (once)" >&2
  mmdebstrap --quiet --format=tar --variant=apt --include=ca-certificates,git bookworm "$cache.part"
  mv "$cache.part" "$cache"
fi

root=$(mktemp -d /tmp/kc-package.XXXXXX)
mounted=()
server_pid=
cleanup() {
  set +e
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}"; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$cache"
for d in proc sys dev dev/pts dev/shm; do
  mkdir -p "$root/$d"; mount --bind "/$d" "$root/$d"; mounted+=("$root/$d")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1
fi
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
fail() { echo "test_package: FAILED: $*" >&2; exit 1; }

echo "== apt-get install ./$(basename "$deb") on a pristine Debian 12"
in_root apt-get update -qq >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" >/dev/null ||
  fail "apt-get install"
in_root kc --help >/dev/null || fail "the installed kc does not run (a missing library?)"
in_root getent passwd kc >/dev/null || fail "the package made no kc user"

echo "== the installed kc, as user kc, from /: ingest and serve"
in_root install -d -o kc -g kc /var/lib/kc
as_kc() { in_root runuser -u kc -- /bin/sh -c "cd / && $1"; }
as_kc "kc ingest --content /usr/share/kc/content --index /var/lib/kc/index" || fail "kc ingest"
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
log=$root/tmp/serve.log
base=http://127.0.0.1:$port
# start_kc [VAR=value …]: the installed kc serve as user kc from /, until /healthz answers.
start_kc() {
  in_root runuser -u kc -- /usr/bin/env "$@" /bin/sh -c "cd / && echo \$\$ >/tmp/kc.pid && exec kc serve \
    --content /usr/share/kc/content --index /var/lib/kc/index --data /var/lib/kc/data --port $port" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break; sleep 0.1; done
}
stop_kc() {
  kill -TERM "$(cat "$root/tmp/kc.pid")"  # kc itself, not runuser
  wait "$server_pid" || { cat "$log" >&2; fail "kc serve did not exit 0 on SIGTERM"; }
  server_pid=
}
start_kc
health=$(curl -fsS "$base/healthz") || { cat "$log" >&2; fail "no /healthz"; }
echo "   /healthz: $health"
patterns=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["robot_patterns"])' "$health")
((patterns > 100)) || fail "the installed robot list has $patterns patterns"
curl -fsS -o /dev/null "$base/" || fail "the home page (web/ from /usr/share/kc)"
curl -fsS -o /dev/null -A "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" \
  "$base/files/best-practices-manual.pdf" || fail "Googlebot's download"
curl -fsS -o /dev/null -A "Mozilla/5.0 (Linux; Android 12; SM-A125F) Mobile" \
  "$base/files/best-practices-manual.pdf" || fail "the phone's download"

echo "== kc backup while the server runs"
as_kc "kc backup --data /var/lib/kc/data --to /var/lib/kc/backup/kc.sqlite" 2>&1 | sed 's/^/   /' ||
  fail "kc backup"
stop_kc

report() { as_kc "kc report --data $1 --from 2000-01-01 --to 2100-12-31 --group file --format json"; }
live=$(report /var/lib/kc/data) || fail "kc report"
copy=$(report /var/lib/kc/backup) || fail "kc report on the backup"
python3 - "$live" "$copy" <<'PY' || fail "the counts"
import json, sys
live, copy = (json.loads(a) for a in sys.argv[1:3])
row = next(r for r in live["rows"] if r["key"] == "files/best-practices-manual.pdf")
print(f"   best-practices-manual.pdf: counted {row['counted']}, robot {row['excluded']['robot']}")
assert row["counted"] == 1 and row["excluded"]["robot"] == 1, row
assert live == copy, (live, copy)
print("   the backup reports the same figures")
PY

echo "== nginx in front, with TLS (tools/deploy/nginx-kc.conf), and trusted_proxies to match"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light openssl \
  >"$root/tmp/nginx-install.log" 2>&1 || { tail "$root/tmp/nginx-install.log"; fail "installing nginx"; }
rm -f "$root/etc/nginx/sites-enabled/default"  # a link into the root: not writable from out here
tls_port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
in_root openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=kc.example.org \
  -keyout /etc/ssl/private/kc.key -out /etc/ssl/certs/kc.pem >/dev/null 2>&1 || fail "a test certificate"
sed -e "s|/etc/letsencrypt/live/kc.example.org/fullchain.pem|/etc/ssl/certs/kc.pem|" \
    -e "s|/etc/letsencrypt/live/kc.example.org/privkey.pem|/etc/ssl/private/kc.key|" \
    -e "s|listen 443 ssl|listen 127.0.0.1:$tls_port ssl|; /listen \[::\]/d; /listen 80;/d" \
    -e "s|127.0.0.1:8080|127.0.0.1:$port|" tools/deploy/nginx-kc.conf >"$root/etc/nginx/sites-enabled/kc"
in_root nginx -t 2>&1 | sed 's/^/   /' || fail "nginx -t on the example"
in_root nginx || fail "starting nginx"
start_kc KC_TRUSTED_PROXIES=127.0.0.1
tls=https://127.0.0.1:$tls_port
# Two phones with the same browser, from two addresses, each claiming the same forged
# X-Forwarded-For: nginx replaces it with the real address and kc believes nginx, so they are
# two visitors. Were kc to see only nginx (127.0.0.1), the second would be a double click.
for ip in 127.0.0.2 127.0.0.3; do
  curl -fsSk -o /dev/null --interface "$ip" --resolve "kc.example.org:$tls_port:127.0.0.1" \
    -H "X-Forwarded-For: 192.0.2.1" -A "Mozilla/5.0 (Linux; Android 12) Mobile" \
    "https://kc.example.org:$tls_port/files/hiv-aids-guidelines.pdf" || fail "a download through nginx"
done
curl -fsSk -o /dev/null -r 0-99 "$tls/files/hiv-aids-guidelines.pdf" -w '%{http_code}' | grep -q 206 ||
  fail "a range request through nginx"
in_root nginx -s stop
stop_kc
through=$(report /var/lib/kc/data) || fail "kc report"
python3 - "$through" <<'PY' || fail "the counts through nginx"
import json, sys
row = next(r for r in json.loads(sys.argv[1])["rows"] if r["key"] == "files/hiv-aids-guidelines.pdf")
print(f"   hiv-aids-guidelines.pdf through nginx over TLS: counted {row['counted']}, unique {row['unique']}")
assert row["counted"] == 2 and row["unique"] == 2, row
PY

echo "== systemd-analyze verify kc.service"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >/dev/null 2>&1 ||
  fail "installing systemd to verify the unit"
in_root systemd-analyze verify /usr/lib/systemd/system/kc.service || fail "the systemd unit"
echo "test_package: passed"
