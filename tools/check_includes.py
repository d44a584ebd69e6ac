#!/usr/bin/env python3
"""The include rules (README "How it works"), checked on every #include of every source file.

    tools/check_includes.sh [SRC]     (SRC: the source tree, default the repository's src/)

1. Module order. Each module may include only itself and the modules on a lower level:
   siblings on one level do not include each other. Files directly in SRC (main.cpp)
   stand above every module.
2. Library owners. Each library's headers are included only by the modules that own it.

An include is read the way the compiler reads it: after line splices and comments are
gone (so `#/**/include`, `#  include`, `#include<x>`, `%:include` and a directive split
with a backslash are all seen), and a quoted path is resolved against the including
file's folder and against SRC (`"../search/searcher.h"`, `"./x.h"`, `<search/x.h>` all
name the module they lead to). A library is recognised in any spelling of its path
(`<pistache/../pistache/http.h>`, an absolute path). An include whose name is a macro
cannot be checked, and is refused. Prints every violation; exits 1 if there is any.
"""
import os
import re
import sys

# Module levels, lowest first: a module may include the modules of lower levels.
LEVELS = [
    ["markdown"],
    ["content"],
    ["search", "stats"],
    ["staff"],
    ["render"],
    ["http"],
    ["cli"],
]

# Library → the modules that may include it, and how its headers are named: a folder
# ("pistache/") or a file ("xapian.h"). Engines have one owner; a few small libraries
# serve two modules for two different jobs, each named here.
OWNERS = [
    ("Xapian", ["search"], ["xapian.h", "xapian/"]),
    ("ICU", ["search"], ["unicode/"]),
    ("zstd", ["search"], ["zstd.h", "zstd_errors.h", "zdict.h"]),
    ("cmark", ["markdown"], ["cmark.h", "cmark_export.h", "cmark_version.h"]),
    ("libxml2", ["markdown"], ["libxml/"]),
    ("SQLite", ["stats"], ["sqlite3.h", "sqlite3ext.h", "SQLiteCpp/"]),
    ("RE2", ["stats"], ["re2/"]),
    ("ctemplate", ["render"], ["ctemplate/"]),
    ("Pistache", ["http"], ["pistache/"]),
    ("CLI11", ["cli"], ["CLI/"]),
    # Format libraries: YAML for the content's front matter and lists, and the config file;
    # JSON for the index's stored data, the robot list, and the JSON views and UI strings.
    ("yaml-cpp", ["content", "cli"], ["yaml-cpp/"]),
    ("nlohmann/json", ["search", "stats", "render"], ["nlohmann/"]),
    # zlib: the event journal's CRC-32 (stats) and gzip responses (http).
    ("zlib", ["stats", "http"], ["zlib.h", "zconf.h"]),
    # OpenSSL: the visitor key's HMAC (stats), the constant-time token check (http) and a
    # guide's revision, the SHA-256 of its file (staff).
    ("OpenSSL", ["stats", "http", "staff"], ["openssl/"]),
    ("libgit2", ["staff"], ["git2.h", "git2/"]),
    # The test client belongs to tests/.
    ("cpp-httplib", [], ["httplib.h"]),
]

ROOT = ""  # files directly in SRC
LEVEL = {module: level for level, modules in enumerate(LEVELS) for module in modules}
LEVEL[ROOT] = len(LEVELS)
SOURCE = re.compile(r"\.(h|hh|hpp|hxx|c|cc|cpp|cxx|inc|ipp|tpp)$")
DIRECTIVE = re.compile(r"^[ \t\f\v]*(?:#|%:)[ \t\f\v]*(include|include_next|import)\b[ \t\f\v]*(.*)$")


def strip(text):
    """The text as the preprocessor sees its directives: line splices joined, comments
    replaced by a space, raw string bodies blanked (they hold no directives). Lines are
    kept where they were, so that line numbers still point at the source."""
    out = []
    i, n = 0, len(text)
    pending_newlines = 0  # newlines swallowed by splices and comments, put back after the line
    while i < n:
        c = text[i]
        if c == "\\" and text.startswith("\n", i + 1):
            pending_newlines += 1
            i += 2
        elif c == "\\" and text.startswith("\r\n", i + 1):
            pending_newlines += 1
            i += 3
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                if text[i] == "\\" and text.startswith("\n", i + 1):
                    pending_newlines += 1
                    i += 1
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            pending_newlines += text.count("\n", i, end)
            out.append(" ")
            i = end
        elif c == "R" and text.startswith('"', i + 1) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            open_paren = text.find("(", i + 2)
            delimiter = text[i + 2:open_paren] if open_paren >= 0 else ""
            end = text.find(")" + delimiter + '"', open_paren) if open_paren >= 0 else -1
            end = n if end < 0 else end + len(delimiter) + 2
            out.append('R""')
            out.append("\n" * text.count("\n", i, end))
            i = end
        elif c in "\"'" and not (c == "'" and i > 0 and text[i - 1].isalnum()):  # 1'000 is a digit separator
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif c == "\n":
            out.append("\n" * (1 + pending_newlines))
            pending_newlines = 0
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def includes(path):
    """(line, name, quoted) for each include of the file; name None when it is computed."""
    with open(path, encoding="utf-8", errors="replace") as source:
        lines = strip(source.read()).split("\n")
    for number, line in enumerate(lines, 1):
        match = DIRECTIVE.match(line)
        if not match:
            continue
        rest = match.group(2).strip()
        quoted = re.match(r'"([^"]*)"', rest)
        angled = re.match(r"<([^>]*)>", rest)
        if quoted:
            yield number, quoted.group(1).strip(), True
        elif angled:
            yield number, angled.group(1).strip(), False
        else:
            yield number, None, False


def module_of(relative):
    """The module of a path relative to SRC (its first folder), ROOT for a file in SRC,
    None outside SRC."""
    if relative == ".." or relative.startswith("../") or os.path.isabs(relative):
        return None
    parts = relative.split("/")
    return parts[0] if len(parts) > 1 else ROOT


def targets(src, including_dir, name, quoted):
    """The SRC-relative paths an include may name: for a quoted one, the including file's
    folder first, then SRC (-I src); for <…>, SRC. Those that exist when any does."""
    bases = [including_dir, src] if quoted else [src]
    candidates = []
    for base in bases:
        relative = os.path.relpath(os.path.normpath(os.path.join(base, name)), src).replace(os.sep, "/")
        if relative not in candidates:
            candidates.append(relative)
    existing = [c for c in candidates if os.path.isfile(os.path.join(src, c))]
    return existing or candidates


def library_of(name):
    """The library whose header `name` is, in any spelling of its path, or None."""
    parts = [p for p in os.path.normpath(name.replace("\\", "/")).split("/") if p not in ("", ".")]
    for start in range(len(parts)):
        tail = "/".join(parts[start:])
        for library, owners, headers in OWNERS:
            for header in headers:
                if (header.endswith("/") and (tail + "/").startswith(header) and len(parts) - start > 1) or tail == header:
                    return library, owners
    return None


def check(src):
    src = os.path.abspath(src)
    problems = []
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        for file in sorted(files):
            if not SOURCE.search(file):
                continue
            path = os.path.join(folder, file)
            shown = os.path.relpath(path, src)
            module = module_of(os.path.relpath(path, src).replace(os.sep, "/"))
            if module not in LEVEL:
                problems.append(f"{shown}: src/{module}/ is not a module in the include rules (tools/check_includes.py)")
                continue
            for line, name, quoted in includes(path):
                where = f"{shown}:{line}"
                if name is None:
                    problems.append(f"{where}: an #include whose name is a macro cannot be checked")
                    continue
                library = library_of(name)
                if library:
                    library_name, owners = library
                    if module not in owners:
                        owned = ", ".join(f"src/{o}/" for o in owners) or "tests/ only"
                        problems.append(f"{where}: {library_name} (<{name}>) is for {owned}, not src/{module or '.'}/")
                    continue
                for target in targets(src, folder, name, quoted):
                    other = module_of(target)
                    if other == ROOT and not os.path.isfile(os.path.join(src, target)):
                        continue  # <string>, "config.h": a system or library header
                    if other is None:
                        problems.append(f'{where}: "{name}" leads out of src/')
                    elif other == module:
                        continue
                    elif other not in LEVEL:
                        continue  # not ours: a system or library header
                    elif LEVEL[other] >= LEVEL[module]:
                        problems.append(f'{where}: src/{module or "."}/ may not include src/{other or "."}/ ("{name}"): '
                                        f"the order is {order()}")
    return problems


def order():
    return " < ".join("{" + ", ".join(m) + "}" if len(m) > 1 else m[0] for m in LEVELS)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    if not os.path.isdir(src):
        print(f"check_includes: {src} is not a folder", file=sys.stderr)
        return 2
    problems = check(src)
    for problem in problems:
        print(f"include rule: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
