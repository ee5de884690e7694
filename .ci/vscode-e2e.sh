#!/usr/bin/env bash
# The VS Code extension: build it, test its grammar, package it (universal
# and linux-x64 with the given binary inside), inspect both packages, check
# the $haplint problem matcher against the CLI's concise output, then
# run the end-to-end test in code-server + headless Chromium.
#
#   .ci/vscode-e2e.sh path/to/haplint
#
# Needs code-server and Chromium: .ci/install-code-server.sh installs them
# (it is run from here and does nothing when they are there). Screenshots
# and logs go to target/vscode-e2e/ (or $HAPLINT_VSCODE_E2E_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "$1")
repo=$PWD
out="${HAPLINT_VSCODE_E2E_OUT:-$repo/target/vscode-e2e}"
prefix="${HAPLINT_CODE_SERVER_PREFIX:-$HOME/.cache/haplint/code-server}"

.ci/install-code-server.sh "$prefix"

cd editors/vscode
npm ci --no-fund --no-audit
npm test
rm -f ./*.vsix
npm run package
npm run package:linux-x64 -- "$binary"
version=$(node -p 'require("./package.json").version')
node scripts/inspect-vsix.mjs "haplint-$version.vsix"
node scripts/inspect-vsix.mjs "haplint-linux-x64-$version.vsix" --target linux-x64
node scripts/check-problem-matcher.mjs "$binary"

rm -rf "$out"
mkdir -p "$out"
timeout 300 node e2e/run.mjs \
    --code-server "$prefix/node_modules/.bin/code-server" \
    --vsix "haplint-linux-x64-$version.vsix" \
    --universal-vsix "haplint-$version.vsix" \
    --haplint "$binary" \
    --out "$out"
