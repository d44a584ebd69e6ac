#!/usr/bin/env bash
# Feeds tools/check_includes.sh small source trees and expects it to refuse every
# forbidden include, however it is spelt, and to accept the allowed ones. The expected
# order and owners are written out here on their own, so that a wrong table in the
# checker fails this test.
#   tests/tools/check_includes_test.sh
set -uo pipefail
checker="$(cd "$(dirname "$0")/../.." && pwd)/tools/check_includes.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/kc-check-includes.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

# module → level: a module may include the modules of lower levels only.
declare -A level=([markdown]=0 [content]=1 [search]=2 [stats]=2 [staff]=3 [render]=4 [http]=5 [cli]=6)
modules=(markdown content search stats staff render http cli)

# Two trees: every allowed case in one (the checker must pass it), every forbidden case in
# the other, each in its own file (the checker must fail and name every one of them).
for tree in allowed forbidden; do
  for m in "${modules[@]}"; do
    mkdir -p "$work/$tree/$m"
    printf '#pragma once\n' > "$work/$tree/$m/a.h"
  done
  printf '#include "cli/a.h"\nint main() {}\n' > "$work/$tree/main.cpp"
done
cases=0
# add_case allowed|forbidden MODULE TEXT DESCRIPTION: TEXT (printf %b) in its own file of that tree.
add_case() {
  cases=$((cases + 1))
  local file="$work/$1/$2/case_$cases.cpp"
  printf '%b\n' "$3" > "$file"
  printf '%s\n' "$4" > "$file.what"
}

# Every ordered pair of modules.
for m in "${modules[@]}"; do
  for o in "${modules[@]}"; do
    [[ $m == "$o" ]] && continue
    if ((level[$o] < level[$m])); then
      add_case allowed "$m" "#include \"$o/a.h\"" "$m → $o"
    else
      add_case forbidden "$m" "#include \"$o/a.h\"" "$m → $o"
    fi
  done
done

# Spellings of one forbidden include (search → render), each of which the compiler accepts.
spellings=(
  '#include "../render/a.h"'
  '#include "./../render/a.h"'
  '#include "search/../render/a.h"'
  '#include <render/a.h>'
  '#include  "render/a.h"'
  '#  include "render/a.h"'
  '#\tinclude\t"render/a.h"'
  '   #include "render/a.h"'
  '#include"render/a.h"'
  '%:include "render/a.h"'
  '#/* a comment */include "render/a.h"'
  '#inc\\\nlude "render/a.h"'
  '#include_next "render/a.h"'
)
for spelling in "${spellings[@]}"; do
  add_case forbidden search "$spelling" "search → render spelt $(printf '%b' "$spelling" | tr '\n' ' ')"
done
add_case forbidden http '#define KC_HEADER "cli/a.h"\n#include KC_HEADER' "an include through a macro (cannot be checked)"

# Library owners: one header of each, with the modules that may include it.
owners=(
  "xapian.h:search" "unicode/unistr.h:search" "zstd.h:search"
  "cmark.h:markdown" "libxml/parser.h:markdown"
  "sqlite3.h:stats" "SQLiteCpp/SQLiteCpp.h:stats" "re2/re2.h:stats"
  "ctemplate/template.h:render" "pistache/http.h:http" "CLI/CLI.hpp:cli"
  "yaml-cpp/yaml.h:content cli" "nlohmann/json.hpp:search stats render"
  "zlib.h:stats http" "openssl/evp.h:stats http staff" "git2.h:staff" "httplib.h:"
)
for entry in "${owners[@]}"; do
  header=${entry%%:*}
  allowed=" ${entry#*:} "
  for m in "${modules[@]}"; do
    if [[ $allowed == *" $m "* ]]; then
      add_case allowed "$m" "#include <$header>" "$header in src/$m/ (an owner)"
    else
      add_case forbidden "$m" "#include <$header>" "$header in src/$m/"
    fi
  done
done
# Spellings of a library include outside its owner.
add_case forbidden http '#include  <xapian.h>' "xapian.h after two spaces"
add_case forbidden search '#  include <pistache/http.h>' "pistache after '#  include'"
add_case forbidden search '#include "pistache/http.h"' "pistache in quotes"
add_case forbidden search '#include <pistache/../pistache/endpoint.h>' "pistache through pistache/.."
add_case forbidden http '#include "/usr/include/xapian.h"' "xapian.h by absolute path"
add_case forbidden render '#include <sqlite3.h> // the engine' "sqlite3.h with a trailing comment"
# What is not an include is not refused.
add_case allowed http '// #include <xapian.h>' "an include in a line comment"
add_case allowed http '/*\n#include <xapian.h>\n*/' "an include in a block comment"
add_case allowed http 'const char* text = R"(\n#include <xapian.h>\n)";' "an include in a raw string"
add_case allowed http '#include <string>\n#include <sys/stat.h>' "standard and system headers"

output=$("$checker" "$work/allowed" 2>&1) || {
  echo "FAIL: the allowed cases are refused:"
  echo "$output"
  failures=$((failures + 1))
}
output=$("$checker" "$work/forbidden" 2>&1)
[[ $? -eq 1 ]] || { echo "FAIL: the forbidden cases pass (exit 0)"; failures=$((failures + 1)); }
for what in "$work"/forbidden/*/*.what; do
  file=${what%.what}
  relative=${file#"$work/forbidden/"}
  if ! grep -qF "$relative:" <<<"$output"; then
    echo "FAIL: not refused: $(cat "$what")"
    sed 's/^/    /' "$file"
    failures=$((failures + 1))
  fi
done

# The repository's own tree follows the rules.
"$checker" >/dev/null || { echo "FAIL: src/ breaks the include rules:"; "$checker"; failures=$((failures + 1)); }

if ((failures)); then
  echo "$failures failures"
  exit 1
fi
echo "check_includes: every forbidden include refused, every allowed one accepted"
