#!/usr/bin/env bash
# Builds the PDF attachments in content/files/ from our own Markdown guides:
#   content/files/best-practices-manual.pdf  ← content/en/best-practice/*.md
#   content/files/hiv-aids-guidelines.pdf    ← content/en/hiv-aids/*.md
# Each guide: YAML front matter stripped (title, summary and sources are taken from it),
# links turned into plain text (the PDF stands alone), Markdown → HTML with cmark, one
# HTML book per PDF (title page, contents, one guide per page), printed by headless
# Chromium. Installs cmark, chromium and poppler-utils with apt-get if they are missing.
#   tools/make_pdfs.sh            build both PDFs
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
content="$top/content"
out="$content/files"

# --- tools -------------------------------------------------------------------------
need=()
command -v cmark >/dev/null 2>&1 || need+=(cmark)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "install ok installed" || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "make_pdfs: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# --- helpers -----------------------------------------------------------------------
html_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

# front_value FILE KEY → the scalar value of a top-level front-matter key, unquoted.
front_value() {
  awk -v key="$2" '
    NR == 1 && $0 == "---" { inside = 1; next }
    inside && $0 == "---" { exit }
    inside && index($0, key ": ") == 1 {
      v = substr($0, length(key) + 3)
      if (v ~ /^".*"$/) { v = substr(v, 2, length(v) - 2); gsub(/\\"/, "\"", v) }
      print v; exit
    }' "$1"
}

# front_sources FILE → one source per line (block list `sources:` with `  - "…"` items).
front_sources() {
  awk '
    NR == 1 && $0 == "---" { inside = 1; next }
    inside && $0 == "---" { exit }
    inside && /^sources:/ { insrc = 1; next }
    inside && insrc && /^  - / {
      v = substr($0, 5)
      if (v ~ /^".*"$/) { v = substr(v, 2, length(v) - 2); gsub(/\\"/, "\"", v) }
      print v; next
    }
    inside && insrc && /^[^ ]/ { insrc = 0 }' "$1"
}

# body FILE → the Markdown after the front matter, with [text](target) links made plain text.
body() {
  awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$1" |
    sed -E 's/\[([^]]+)\]\([^)]+\)/\1/g'
}

# build OUTPUT.pdf "Book title" "Subtitle" guide.md...
build() {
  local pdf="$1" book="$2" subtitle="$3"
  shift 3
  local html="$work/$(basename "$pdf" .pdf).html"
  {
    cat <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>$(printf '%s' "$book" | html_escape)</title>
<style>
  @page { size: A4; margin: 20mm 18mm 20mm 18mm; }
  body { font-family: "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
  h1, h2, h3 { font-family: "DejaVu Sans", sans-serif; color: #1d4e2c; }
  h1 { font-size: 19pt; margin: 0 0 4mm; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; }
  .cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
  .cover h1 { font-size: 28pt; }
  .cover p { font-size: 13pt; }
  .toc { break-before: page; }
  .toc li { margin: 2mm 0; }
  .guide { break-before: page; }
  .summary { font-style: italic; border-left: 3px solid #1d4e2c; padding-left: 3mm; }
  .sources { font-size: 9pt; color: #333; border-top: 1px solid #999; margin-top: 6mm; padding-top: 2mm; }
  .sources li { margin: 1mm 0; }
</style></head><body>
<div class="cover">
  <h1>$(printf '%s' "$book" | html_escape)</h1>
  <p>$(printf '%s' "$subtitle" | html_escape)</p>
  <p>Knowledge Center on artisanal and small-scale mining</p>
</div>
<div class="toc"><h2>Contents</h2><ol>
HTML
    local f
    for f in "$@"; do
      printf '<li>%s</li>\n' "$(front_value "$f" title | html_escape)"
    done
    echo '</ol></div>'
    for f in "$@"; do
      echo '<div class="guide">'
      printf '<h1>%s</h1>\n' "$(front_value "$f" title | html_escape)"
      printf '<p class="summary">%s</p>\n' "$(front_value "$f" summary | html_escape)"
      body "$f" | cmark
      echo '<div class="sources"><strong>Sources</strong><ul>'
      front_sources "$f" | html_escape | sed -e 's|^|<li>|' -e 's|$|</li>|'
      echo '</ul></div></div>'
    done
    echo '</body></html>'
  } >"$html"

  rm -f "$pdf"
  timeout 180 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --no-pdf-header-footer \
    --print-to-pdf="$pdf" "file://$html" >"$work/chromium.log" 2>&1 || true
  if [[ ! -s "$pdf" ]]; then
    echo "make_pdfs: chromium did not produce $pdf" >&2
    cat "$work/chromium.log" >&2
    exit 2
  fi
  local pages size
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  size=$(stat -c %s "$pdf")
  if ((size >= 1048576)); then
    echo "make_pdfs: $pdf is $size bytes, over 1 MB" >&2
    exit 2
  fi
  echo "make_pdfs: ${pdf#"$top"/}: $pages pages, $size bytes"
}

# guides TOPIC FIRST... → the English guides of TOPIC, the named ones first in that order,
# then any others in name order (so a new guide is never left out).
guides() {
  local topic="$1"
  shift
  local dir="$content/en/$topic" f seen=" "
  for f in "$@"; do
    [[ -f "$dir/$f.md" ]] && { echo "$dir/$f.md"; seen+="$f "; }
  done
  for f in "$dir"/*.md; do
    local s
    s=$(basename "$f" .md)
    [[ "$seen" == *" $s "* ]] || echo "$f"
  done
}

mapfile -t bp < <(guides best-practice mercury-free-gravity-borax retort-use cyanide-chemical-safety \
  underground-safety water-tailings-rehabilitation)
build "$out/best-practices-manual.pdf" "Best Practices manual" \
  "Mercury-free processing, retorts, chemical safety, mine safety, water and rehabilitation" "${bp[@]}"

mapfile -t hiv < <(guides hiv-aids hiv-prevention-mining-camps hiv-testing-treatment \
  malaria-standing-water workplace-health-programmes)
build "$out/hiv-aids-guidelines.pdf" "HIV/AIDS and malaria guidelines" \
  "Prevention, testing and treatment, malaria, and workplace programmes at mine sites" "${hiv[@]}"
