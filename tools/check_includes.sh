#!/usr/bin/env bash
# Each engine is included by its own module only (DESIGN §1), and nothing below http/
# knows about HTTP. Prints every violation; exits 1 if any.
set -uo pipefail
cd "$(dirname "$0")/../src"
status=0
check() {  # pattern, the module allowed to include it
  local hits
  hits=$(grep -rlE "#include [<\"]$1" --include='*.h' --include='*.cpp' . | grep -v "^\./$2/" || true)
  if [[ -n "$hits" ]]; then
    echo "include rule: '$1' is for src/$2/ only, but found in: $hits"
    status=1
  fi
}
check 'xapian' search
check 'unicode/' search
check 'SQLiteCpp' stats
check 'sqlite3' stats
check 'pistache' http
check 'cmark' markdown
check 'ctemplate' render
check 'CLI/' cli
check 're2/' stats
check 'libxml/' markdown
for lower in content markdown search stats render; do
  if grep -rqE '#include "(http|cli)/' "$lower"; then
    echo "include rule: src/$lower/ must not include http/ or cli/ headers"
    status=1
  fi
done
for lower in content markdown; do
  if grep -rqE '#include "(search|stats|render)/' "$lower"; then
    echo "include rule: src/$lower/ must not include search/, stats/ or render/ headers"
    status=1
  fi
done
exit $status
