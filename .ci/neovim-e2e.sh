#!/usr/bin/env bash
# Headless Neovim (Debian's package) opens a config from test-corpus/ through
# editors/neovim and checks that haplint server's diagnostics arrive.
# Usage: .ci/neovim-e2e.sh path/to/haplint
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "$1")

if ! command -v nvim >/dev/null; then
    as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root apt-get install -y -qq --no-install-recommends neovim >/dev/null \
        || { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends neovim >/dev/null; }
fi
nvim --version | head -1

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# A clean HOME: no user configuration or plugins may interfere.
HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
HAPLINT_BIN="$binary" HAPLINT_REPO="$PWD" HAPLINT_E2E_DIR="$scratch" \
    timeout 120 nvim --headless -u NONE -i NONE -c 'luafile editors/neovim/test/e2e.lua'
