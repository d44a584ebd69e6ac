#!/usr/bin/env bash
# The pages in text-mode browsers (issue 15): Lynx and w3m, as on the oldest phones and
# on a terminal over a bad link. No CSS, no JavaScript, no images: what is left must still
# let a reader search, read a guide and download its file.
#
#   tests/browser/text_browser.sh http://127.0.0.1:PORT [OUTDIR]
#
# Started by tests/browser/run.sh against `kc serve` over content/. Lynx cannot fill a form
# from a script without a terminal, so the search form is checked as rendered (a text
# field named q and a Search button in a GET form to /search) and then "submitted" as a
# browser submits a GET form: /search?q=mercury. OUTDIR (default test-results/text/)
# receives each page's dump.
# Exit 0 when all passed, 1 when a check failed, 2 when the set-up fails.
set -euo pipefail

base=${1:?usage: tests/browser/text_browser.sh http://127.0.0.1:PORT [OUTDIR]}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${2:-$top/test-results/text}
mkdir -p "$out"
for browser in lynx w3m; do
  command -v "$browser" >/dev/null || { echo "text: $browser is missing (tools/setup.sh --test)" >&2; exit 2; }
done

passed=0
failed=0
check() {  # name, then a command that succeeds when the check passes
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
  fi
}
has() { grep -qF -- "$2" "$out/$1"; }
lacks() { ! grep -qE -- "$2" "$out/$1"; }

# Every browser gets the page as a reader's would: its own User-Agent, no cookies.
lynx_dump() { lynx -dump -width=60 -nolist -assume_charset=utf-8 -display_charset=utf-8 "$1"; }
lynx_links() { lynx -dump -listonly -width=200 "$1"; }
w3m_dump() { w3m -dump -cols 60 -O UTF-8 "$1"; }

# 1. Home: the search form and the topics read as text.
lynx_dump "$base/" >"$out/home.lynx.txt"
w3m_dump "$base/" >"$out/home.w3m.txt"
check "lynx home: the search field and its button" has home.lynx.txt "(BUTTON) Search"
check "lynx home: the field's label" has home.lynx.txt "Search the guides"
check "lynx home: a topic and its count apart" lacks home.lynx.txt "[a-z]([0-9]+) guides"
check "w3m home: the search field and its button" grep -qE '^\[ +\] ?Search$' "$out/home.w3m.txt"
home_html=$(curl -sf "$base/")
check "home: the form is a GET to /search with a field q" \
  grep -qE '<form[^>]*action="/search"[^>]*>' <<<"$home_html"
check "home: the field is named q" grep -qE '<input[^>]*name="q"' <<<"$home_html"
check "home: no method=post (a text browser resubmits GET forms on back)" \
  bash -c '! grep -qi "method=\"post\"" <<<"$1"' _ "$home_html"

# 2. The search the form sends.
lynx_dump "$base/search?q=mercury" >"$out/search.lynx.txt"
w3m_dump "$base/search?q=mercury" >"$out/search.w3m.txt"
check "lynx search: results counted for the query" has search.lynx.txt "for “mercury”"
check "w3m search: results counted for the query" has search.w3m.txt "for “mercury”"
first=$(lynx_links "$base/search?q=mercury" | grep -oE "$base/docs/[^ ]+" | head -n 1 || true)
check "lynx search: a result links to a guide" test -n "$first"

# 3. The first result, read.
if [[ -n "$first" ]]; then
  lynx_dump "$first" >"$out/guide.lynx.txt"
  w3m_dump "$first" >"$out/guide.w3m.txt"
  # The title's first words: a long title wraps.
  title=$(curl -sf "$first" | grep -oE '<h1[^>]*>[^<]+' | head -n 1 | sed 's/<h1[^>]*>//' | cut -d' ' -f1-3)
  check "lynx guide: its title" has guide.lynx.txt "$title"
  check "w3m guide: its title" has guide.w3m.txt "$title"
  check "lynx guide: no markup shown as text" lacks guide.lynx.txt "</?(p|div|span|a|svg|li|h[1-6])[ >]"
  check "w3m guide: no markup shown as text" lacks guide.w3m.txt "</?(p|div|span|a|svg|li|h[1-6])[ >]"
  check "lynx guide: more than a screen of text" test "$(wc -l <"$out/guide.lynx.txt")" -gt 40
fi

# 4. The Best Practices manual: linked from its guide, downloaded whole.
manual=/files/best-practices-manual.pdf
check "lynx: the guide links the manual" bash -c 'lynx -dump -listonly "$1" | grep -qF "$2"' _ "$base/docs/en/retort-use" "$base$manual"
lynx -source "$base$manual" >"$out/manual.lynx.pdf"
w3m -dump_source "$base$manual" >"$out/manual.w3m.pdf"
curl -sf "$base$manual" -o "$out/manual.curl.pdf"
check "lynx: the manual downloaded byte for byte" cmp -s "$out/manual.lynx.pdf" "$out/manual.curl.pdf"
check "w3m: the manual downloaded byte for byte" cmp -s "$out/manual.w3m.pdf" "$out/manual.curl.pdf"
check "the manual is a PDF" bash -c 'head -c 5 "$1" | grep -q "%PDF-"' _ "$out/manual.curl.pdf"

echo "text: $passed passed, $failed failed (dumps in $out)"
((failed == 0))
