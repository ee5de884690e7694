#!/usr/bin/env bash
# pytest-lsp (PyPI) drives the release `haplint server` over stdio:
# diagnostics, code actions, completion, hover, definition, rename.
# Usage: .ci/lsp-e2e.sh path/to/haplint
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "$1")
venv=target/lsp-e2e-venv

make_venv() { python3 -m venv "$venv" >/dev/null 2>&1; }
if [ ! -x "$venv/bin/pytest" ]; then
    rm -rf "$venv"
    if ! make_venv; then
        as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
        as_root apt-get install -y -qq python3-venv >/dev/null \
            || { as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null; }
        make_venv
    fi
    "$venv/bin/pip" install -q -r editors/lsp-tests/requirements.txt
fi
HAPLINT_BIN="$binary" timeout 300 "$venv/bin/pytest" -q -p no:cacheprovider editors/lsp-tests
