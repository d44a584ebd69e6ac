#!/usr/bin/env python3
"""Render converted Knowledge Center content to static HTML pages for omindex.

  render_html.py --content DIR --out DIR [--jobs N]

For every <content>/<lang>/<topic>/<slug>.md: strip our front matter, run the body
through the `cmark` command (Debian package cmark; safe mode, raw HTML omitted) and write
<out>/<lang>/<topic>/<slug>.html as
  <html><head><title>TITLE</title><meta http-equiv="Content-Type" ...></head><body>...</body></html>
The cmark processes run N at a time (default: the number of CPUs). Python standard
library only. Prints `rendered N documents` on stderr.
"""
import argparse
import concurrent.futures
import html
import json
import os
import subprocess
import sys


def title_of(front_matter):
    for line in front_matter.split("\n"):
        if line.startswith("title:"):
            value = line[len("title:"):].strip()
            if value.startswith('"'):
                try:
                    return json.loads(value)
                except ValueError:
                    return value.strip('"')
            return value
    return ""


def render(job):
    src, dst = job
    with open(src, encoding="utf-8") as f:
        text = f.read()
    title, body = "", text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            title = title_of(text[4:end])
            body = text[end + 5:]
    done = subprocess.run(["cmark", "--validate-utf8"], input=body.encode("utf-8"),
                          stdout=subprocess.PIPE, check=True)
    page = ("<html><head><title>" + html.escape(title, quote=False) + "</title>"
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            "</head><body>\n" + done.stdout.decode("utf-8") + "</body></html>\n")
    with open(dst, "w", encoding="utf-8") as f:
        f.write(page)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--content", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    jobs = []
    for root, dirs, files in os.walk(args.content):
        dirs.sort()
        rel = os.path.relpath(root, args.content)
        if rel == ".":
            continue  # topics.yaml etc.
        for name in sorted(files):
            if name.endswith(".md"):
                out_dir = os.path.join(args.out, rel)
                os.makedirs(out_dir, exist_ok=True)
                jobs.append((os.path.join(root, name),
                             os.path.join(out_dir, name[:-3] + ".html")))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for _ in pool.map(render, jobs, chunksize=16):
            pass
    print(f"rendered {len(jobs)} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
