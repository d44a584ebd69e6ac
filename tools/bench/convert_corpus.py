#!/usr/bin/env python3
"""Convert the MDN benchmark corpus (../shared/corpus) into Knowledge Center content.

  convert_corpus.py --src DIR --out DIR [--copies N]

Input: <src>/<lang>/<path>/index.md with MDN's YAML front matter (see the corpus README).
Output: <out>/<lang>/<topic>/<slug>.md with our front matter (title, topic, language),
plus <out>/topics.yaml, an empty <out>/synonyms.yaml ({}) and <out>/indicators.yaml ([]).

- topic: `web/<x>/...` -> <x>, anything else -> its first path component; lower-case,
  any character other than [a-z0-9] becomes '-' (so `learn_web_development` ->
  `learn-web-development`); `web/index.md` -> `web`.
- slug: the page's folder path, lower-cased, runs of characters other than [a-z0-9]
  become one '-', no leading/trailing '-' (`web/css/color` -> `web-css-color`); a slug
  already taken in the same language gets `-2`, `-3`, ... (paths in sorted order).
- links: every Markdown link/image destination (inline `[t](dest)`, `![a](dest)` and
  reference definitions `[id]: dest`) that is not `http://`, `https://`, `mailto:` or a
  pure `#anchor` becomes `https://developer.mozilla.org` + dest (a '/' is inserted for
  relative paths), so that MDN's site-absolute links (`/en-US/docs/...`, `/fr/docs/...`)
  become external links; an empty destination `[x]()` (`obj[Symbol.iterator]()` in
  macro text) gets its '(' escaped so that it stays text. Code spans and fenced code blocks are left untouched.
  Autolinks with another scheme (`<xsl:stylesheet>`, which CommonMark turns into a link)
  get their '<' backslash-escaped so they stay text. Raw HTML and {{macro}} calls stay.
- an image with an empty alt text `![](dest)` gets `![image](dest)` (kc check wants
  every image described).
- --copies N replicates every document N times (slugs `<slug>-c2`, `<slug>-c3`, ...).

Python standard library only; deterministic; prints `converted N documents` on stderr.
"""
import argparse
import json
import os
import re
import sys

MDN = "https://developer.mozilla.org"
LANGS = ("en", "fr", "es", "pt")
TOPIC_NAMES_LANGS = ("en", "fr", "es", "pt")


# ---------------------------------------------------------------- front matter

def split_front_matter(text):
    """Return (front matter lines, body) for a text starting with a '---' line."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return [], text
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") in ("---", "..."):
            return [l.rstrip("\r") for l in lines[1:i]], "\n".join(lines[i + 1:])
    return [], text  # unterminated: treat everything as body


_DQ_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\u0085", "_": "\u00a0", "L": "\u2028", "P": "\u2029",
}


def _unescape_double(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\" or i + 1 >= len(s):
            out.append(c)
            i += 1
            continue
        e = s[i + 1]
        width = {"x": 2, "u": 4, "U": 8}.get(e)
        if width:
            hexdigits = s[i + 2:i + 2 + width]
            try:
                out.append(chr(int(hexdigits, 16)))
                i += 2 + width
                continue
            except ValueError:
                pass
        out.append(_DQ_ESCAPES.get(e, e))
        i += 2
    return "".join(out)


def _fold(parts):
    """YAML line folding of a multi-line flow scalar: lines joined by spaces,
    empty lines become newlines."""
    out = ""
    for n, p in enumerate(parts):
        p = p.strip()
        if n == 0:
            out = p
        elif p == "":
            out += "\n"
        elif out.endswith("\n") or out == "":
            out += p
        else:
            out += " " + p
    return out


def yaml_scalar(lines, key):
    """The value of a top-level `key:` scalar (plain, quoted or block) in front matter
    lines; None when absent. Enough YAML for MDN's front matter."""
    prefix = key + ":"
    for i, line in enumerate(lines):
        if not line.startswith(prefix):
            continue
        first = line[len(prefix):].strip()
        cont = []  # continuation lines (indented, or empty)
        for nxt in lines[i + 1:]:
            if nxt.strip() == "" or nxt[:1] in (" ", "\t"):
                cont.append(nxt)
            else:
                break
        while cont and cont[-1].strip() == "":
            cont.pop()
        if first[:1] in (">", "|"):
            literal = first[0] == "|"
            body = [c.strip() for c in cont]
            if literal:
                return "\n".join(body).strip("\n")
            return _fold(body)
        if first[:1] == '"':
            raw = _fold([first] + cont)
            # find the closing quote (not escaped)
            j, end = 1, None
            while j < len(raw):
                if raw[j] == "\\":
                    j += 2
                    continue
                if raw[j] == '"':
                    end = j
                    break
                j += 1
            inner = raw[1:end] if end is not None else raw[1:]
            return _unescape_double(inner)
        if first[:1] == "'":
            raw = _fold([first] + cont)
            j, end = 1, None
            while j < len(raw):
                if raw[j] == "'":
                    if raw[j + 1:j + 2] == "'":
                        j += 2
                        continue
                    end = j
                    break
                j += 1
            inner = raw[1:end] if end is not None else raw[1:]
            return inner.replace("''", "'")
        value = _fold([first] + cont)
        value = re.sub(r"\s+#.*$", "", value)  # trailing comment
        return value
    return None


# ---------------------------------------------------------------- links

_FENCE = re.compile(r"^ *(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?\s*(`{3,}|~{3,})")
_REF_DEF = re.compile(r"^(\s*(?:>\s*)*\[(?:[^\]\\]|\\.)+\]:[ \t]*)(<[^>\n]*>|\S+)")
_NEXT_LINE_DEST = re.compile(r"^([ \t]*)(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}):([^<>\s\x00-\x20]*)>")


def rewrite_dest(dest):
    """The new destination for a link destination (without angle brackets)."""
    low = dest.lower()
    if low.startswith(("http://", "https://", "mailto:")):
        return dest
    if dest.startswith("#"):
        return dest
    if dest.startswith("//"):
        return "https:" + dest
    if dest.startswith("/"):
        return MDN + dest
    return MDN + "/" + dest


def _rewrite_inline_dests(seg):
    """Rewrite `](dest` occurrences in a text segment (no code spans inside)."""
    out, pos = [], 0
    while True:
        k = seg.find("](", pos)
        if k < 0:
            out.append(seg[pos:])
            return "".join(out)
        j = k + 2
        if seg[j:j + 1] == ")":
            # `[x]()`, a link with an empty destination (mostly `obj[Symbol.iterator]()`
            # in {{macro}} text): escape the '(' so that it stays text
            out.append(seg[pos:k + 1] + "\\()")
            pos = j + 1
            continue
        out.append(seg[pos:j])
        # optional whitespace before the destination
        m = j
        while m < len(seg) and seg[m] in " \t":
            m += 1
        out.append(seg[j:m])
        if m < len(seg) and seg[m] == "<":
            close = seg.find(">", m + 1)
            if close < 0:
                pos = m
                continue
            dest = seg[m + 1:close]
            out.append("<" + rewrite_dest(dest) + ">")
            pos = close + 1
            continue
        # bare destination: no spaces/control chars, balanced parentheses
        depth, e = 0, m
        while e < len(seg):
            ch = seg[e]
            if ch == "\\" and e + 1 < len(seg):
                e += 2
                continue
            if ch in " \t\n" or ord(ch) < 0x20:
                break
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            e += 1
        dest = seg[m:e]
        if e < len(seg) and seg[e] in " \t)":
            # a real link (destination ended by ')' or by a title); empty -> the site
            out.append(rewrite_dest(dest))
        else:
            out.append(dest)
        pos = e


def _rewrite_autolinks(seg):
    def fix(m):
        scheme = m.group(1).lower()
        if scheme in ("http", "https", "mailto"):
            return m.group(0)
        k, slashes = m.start() - 1, 0
        while k >= 0 and seg[k] == "\\":
            slashes += 1
            k -= 1
        if slashes % 2:
            return m.group(0)  # already escaped: `\<xsl:for-each>`
        return "\\" + m.group(0)  # stays text: `\<xsl:stylesheet>`
    return _AUTOLINK.sub(fix, seg)


_EMPTY_ALT = re.compile(r"!\[[ \t]*\]\(")


def _rewrite_segment(seg):
    # kc check wants every image described (issue 13): an empty alt text becomes "image"
    return _rewrite_autolinks(_rewrite_inline_dests(_EMPTY_ALT.sub("![image](", seg)))


def _rewrite_outside_code(line):
    parts, pos = [], 0
    for m in _CODE_SPAN.finditer(line):
        parts.append(_rewrite_segment(line[pos:m.start()]))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_rewrite_segment(line[pos:]))
    return "".join(parts)


def rewrite_links(body):
    out = []
    fence = None  # (char, length) of the open fence
    dest_next = False  # the previous line ended with `](`: its destination is here
    for line in body.split("\n"):
        if dest_next:
            dest_next = False
            d = _NEXT_LINE_DEST.match(line)
            if d and line.strip():
                dest = d.group(2)
                new = ("<" + rewrite_dest(dest[1:-1]) + ">") if dest.startswith("<") \
                    else rewrite_dest(dest)
                line = d.group(1) + new + line[d.end():]
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1] \
                    and line[m.end():].strip() == "":
                fence = None
            out.append(line)
            continue
        if m:
            fence = (m.group(1)[0], len(m.group(1)))
            out.append(line)
            continue
        d = _REF_DEF.match(line)
        if d:
            dest = d.group(2)
            new = ("<" + rewrite_dest(dest[1:-1]) + ">") if dest.startswith("<") \
                else rewrite_dest(dest)
            line = d.group(1) + new + line[d.end():]
            out.append(line)
            continue
        line = _rewrite_outside_code(line)
        dest_next = line.rstrip().endswith("](")
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------- names

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_id(text):
    return _NON_ALNUM.sub("-", text.lower()).strip("-")


def topic_of(rel_parts):
    if rel_parts and rel_parts[0].lower() == "web" and len(rel_parts) > 1:
        t = rel_parts[1]
    elif rel_parts:
        t = rel_parts[0]
    else:
        t = "misc"
    return normalise_id(t) or "misc"


def topic_name(topic_id):
    words = topic_id.replace("-", " ")
    return words[:1].upper() + words[1:]


# ---------------------------------------------------------------- main

def collect(src):
    """[(lang, rel_dir_parts, path)] sorted by (lang, relative path)."""
    docs = []
    for lang in sorted(os.listdir(src)):
        lang_dir = os.path.join(src, lang)
        if not os.path.isdir(lang_dir) or lang not in LANGS:
            continue
        for root, dirs, files in os.walk(lang_dir):
            dirs.sort()
            if "index.md" in files:
                rel = os.path.relpath(root, lang_dir)
                parts = [] if rel == "." else rel.split(os.sep)
                docs.append((lang, parts, os.path.join(root, "index.md")))
    docs.sort(key=lambda d: (d[0], "/".join(d[1])))
    return docs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--src", required=True, help="corpus folder (holds en/ fr/ es/ pt/)")
    ap.add_argument("--out", required=True, help="output content folder (created)")
    ap.add_argument("--copies", type=int, default=1, help="replicate the corpus N times")
    args = ap.parse_args()
    if args.copies < 1:
        ap.error("--copies must be >= 1")
    if not os.path.isdir(args.src):
        print(f"convert_corpus: no such folder: {args.src}", file=sys.stderr)
        return 2

    docs = collect(args.src)
    used = {lang: set() for lang in LANGS}
    topics = set()
    made_dirs = set()
    count = 0

    def take(lang, base):
        slug, n = base, 1
        while slug in used[lang]:
            n += 1
            slug = f"{base}-{n}"
        used[lang].add(slug)
        return slug

    converted = []  # (lang, topic, slug, text) of the first copy
    for lang, parts, path in docs:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        fm, body = split_front_matter(text)
        title = yaml_scalar(fm, "title")
        if not title or not title.strip():
            title = parts[-1].replace("_", " ") if parts else lang
        title = " ".join(title.split())
        topic = topic_of(parts)
        topics.add(topic)
        base = normalise_id("-".join(parts)) or "index"
        slug = take(lang, base)
        body = rewrite_links(body.lstrip("\n"))
        if not body.endswith("\n"):
            body += "\n"
        head = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                f"topic: {topic}\nlanguage: {lang}\n---\n")
        converted.append((lang, topic, slug, head + body))

    for copy in range(1, args.copies + 1):
        for lang, topic, slug, content in converted:
            if copy > 1:
                slug = take(lang, f"{slug}-c{copy}")
            d = os.path.join(args.out, lang, topic)
            if d not in made_dirs:
                os.makedirs(d, exist_ok=True)
                made_dirs.add(d)
            with open(os.path.join(d, slug + ".md"), "w", encoding="utf-8") as f:
                f.write(content)
            count += 1

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "topics.yaml"), "w", encoding="utf-8") as f:
        f.write("# generated by tools/bench/convert_corpus.py from the MDN corpus\n")
        for t in sorted(topics):
            name = json.dumps(topic_name(t), ensure_ascii=False)
            names = ", ".join(f"{l}: {name}" for l in TOPIC_NAMES_LANGS)
            f.write(f"{t}: {{ {names} }}\n")
    with open(os.path.join(args.out, "synonyms.yaml"), "w", encoding="utf-8") as f:
        f.write("{}\n")
    with open(os.path.join(args.out, "indicators.yaml"), "w", encoding="utf-8") as f:
        f.write("[]\n")

    print(f"converted {count} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
