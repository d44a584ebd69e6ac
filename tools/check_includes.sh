#!/usr/bin/env bash
# The include rules: the module order and which module owns each library (README "How it
# works"). The rules and how includes are read are in check_includes.py.
#   tools/check_includes.sh [SRC]     SRC: the tree to check (default src/)
exec python3 "$(dirname "$0")/check_includes.py" "$@"
