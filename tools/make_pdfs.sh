#!/usr/bin/env bash
# Builds the PDF attachments in content/files/ from our own Markdown guides, one per
# language, each from that language's guides:
#   content/files/best-practices-manual.pdf     ← content/en/best-practice/*.md
#   content/files/best-practices-manual.fr.pdf  ← content/fr/best-practice/*.md  (also .es, .pt)
#   content/files/hiv-aids-guidelines.pdf       ← content/en/hiv-aids/*.md
#   content/files/hiv-aids-guidelines.fr.pdf    ← content/fr/hiv-aids/*.md       (also .es, .pt)
# The guides come in the order of the English book (each English guide's translation in
# that language), then any others of the topic. Each guide: YAML front matter stripped
# (title, summary and sources are taken from it), links turned into plain text (the PDF
# stands alone), diagrams (![alt](/diagrams/…svg)) kept as pictures, Markdown → HTML with
# cmark, one HTML book per PDF (title page, contents, one guide per page) in the book's
# language, printed by headless Chromium. Each PDF must stay under 1 MiB.
# Installs cmark, chromium and poppler-utils with apt-get if they are missing.
#   tools/make_pdfs.sh [LANG…]     build both books in the given languages (default: en fr es pt)
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
# Diagrams are linked from the HTML books, relative to them.
[[ -d "$content/diagrams" ]] && cp -r "$content/diagrams" "$work/diagrams"

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

# body FILE → the Markdown after the front matter, with [text](target) links made plain
# text and diagrams pointed at the copies beside the HTML book.
body() {
  awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$1" |
    sed -E -e 's#!\[([^]]*)\]\((/|(\.\./)+)diagrams/([^)]+)\)#![\1](diagrams/\4)#g' \
      -e 's/(^|[^!])\[([^]]+)\]\([^)]+\)/\1\2/g'
}

# translation EN_FILE LANG → the slug of the English guide's member in LANG ("" if none).
translation() {
  front_value "$1" translations | tr -d '{} ' | tr ',' '\n' | awk -F: -v lang="$2" '$1 == lang { print $2 }'
}

# build OUTPUT.pdf LANG "Book title" "Subtitle" guide.md...
build() {
  local pdf="$1" lang="$2" book="$3" subtitle="$4"
  shift 4
  local html="$work/$(basename "$pdf" .pdf).html"
  {
    cat <<HTML
<!DOCTYPE html>
<html lang="$lang"><head><meta charset="utf-8"><title>$(printf '%s' "$book" | html_escape)</title>
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
  img { display: block; width: 125mm; max-width: 100%; height: auto; margin: 4mm auto; break-inside: avoid; }
</style></head><body>
<div class="cover">
  <h1>$(printf '%s' "$book" | html_escape)</h1>
  <p>$(printf '%s' "$subtitle" | html_escape)</p>
  <p>$(printf '%s' "${SITE[$lang]}" | html_escape)</p>
</div>
<div class="toc"><h2>${CONTENTS[$lang]}</h2><ol>
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
      echo "<div class=\"sources\"><strong>${SOURCES[$lang]}</strong><ul>"
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

# guides LANG TOPIC FIRST... → the guides of TOPIC in LANG: the members of the named
# English guides first, in that order, then any others in name order (so a new guide is
# never left out).
guides() {
  local lang="$1" topic="$2"
  shift 2
  local dir="$content/$lang/$topic" f slug seen=" "
  for f in "$@"; do
    slug=$f
    [[ "$lang" == en ]] || slug=$(translation "$content/en/$topic/$f.md" "$lang")
    [[ -n "$slug" && -f "$dir/$slug.md" ]] && { echo "$dir/$slug.md"; seen+="$slug "; }
  done
  for f in "$dir"/*.md; do
    [[ -f "$f" ]] || continue
    slug=$(basename "$f" .md)
    [[ "$seen" == *" $slug "* ]] || echo "$f"
  done
}

# The words of the books, per language.
declare -A SITE=(
  [en]="Knowledge Center on artisanal and small-scale mining"
  [fr]="Centre de connaissances sur l'orpaillage et la petite mine"
  [es]="Centro de conocimiento sobre la minería artesanal y de pequeña escala"
  [pt]="Centro de conhecimento sobre o garimpo e a mineração em pequena escala")
declare -A CONTENTS=([en]="Contents" [fr]="Sommaire" [es]="Contenido" [pt]="Sumário")
declare -A SOURCES=([en]="Sources" [fr]="Sources" [es]="Fuentes" [pt]="Fontes")
declare -A BP_TITLE=([en]="Best Practices manual" [fr]="Manuel des bonnes pratiques"
  [es]="Manual de buenas prácticas" [pt]="Manual de boas práticas")
declare -A BP_SUBTITLE=(
  [en]="Mercury-free processing, retorts, chemical safety, mine safety, water and rehabilitation"
  [fr]="Traitement sans mercure, retortes, produits chimiques, sécurité à la mine, eau et réhabilitation"
  [es]="Procesamiento sin mercurio, retortas, químicos, seguridad en la mina, agua y rehabilitación"
  [pt]="Beneficiamento sem mercúrio, retortas, produtos químicos, segurança no garimpo, água e recuperação")
declare -A HIV_TITLE=([en]="HIV/AIDS and malaria guidelines" [fr]="Guide VIH/sida et paludisme"
  [es]="Guía de VIH/sida y malaria" [pt]="Guia de HIV/aids e malária")
declare -A HIV_SUBTITLE=(
  [en]="Prevention, testing and treatment, malaria, and workplace programmes at mine sites"
  [fr]="Prévention, dépistage et traitement, paludisme et programmes de santé sur les sites miniers"
  [es]="Prevención, prueba y tratamiento, malaria y programas de salud en las minas"
  [pt]="Prevenção, testagem e tratamento, malária e programas de saúde nos garimpos")

# The English book keeps its name (links and counts from before the translations).
pdf_name() { [[ "$2" == en ]] && echo "$out/$1.pdf" || echo "$out/$1.$2.pdf"; }

languages=("$@")
((${#languages[@]})) || languages=(en fr es pt)
for lang in "${languages[@]}"; do
  [[ -n "${CONTENTS[$lang]:-}" ]] || { echo "make_pdfs: unknown language '$lang' (en, fr, es or pt)" >&2; exit 2; }
  mapfile -t bp < <(guides "$lang" best-practice mercury-free-gravity-borax retort-use cyanide-chemical-safety \
    underground-safety water-tailings-rehabilitation)
  build "$(pdf_name best-practices-manual "$lang")" "$lang" "${BP_TITLE[$lang]}" "${BP_SUBTITLE[$lang]}" "${bp[@]}"

  mapfile -t hiv < <(guides "$lang" hiv-aids hiv-prevention-mining-camps hiv-testing-treatment \
    malaria-standing-water workplace-health-programmes)
  build "$(pdf_name hiv-aids-guidelines "$lang")" "$lang" "${HIV_TITLE[$lang]}" "${HIV_SUBTITLE[$lang]}" "${hiv[@]}"
done
