#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs: Debian's Chromium and
# code-server (the browser build of VS Code) from npm, into a cache
# directory kept between runs. Does nothing when both are there already.
#
#   .ci/install-code-server.sh [PREFIX]
#
# PREFIX defaults to $HAPLINT_CODE_SERVER_PREFIX or ~/.cache/haplint/code-server;
# code-server ends up at PREFIX/node_modules/.bin/code-server.
set -euo pipefail

CODE_SERVER_VERSION=4.99.4   # VS Code 1.99.3; newer releases need Node 24
NODE_GYP_VERSION=12.4.0
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

prefix="${1:-${HAPLINT_CODE_SERVER_PREFIX:-$HOME/.cache/haplint/code-server}}"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

debian_packages=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep)
missing=()
for package in "${debian_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || { as_root apt-get update -qq \
            && as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
fi

if [ -x "$prefix/node_modules/.bin/code-server" ] \
    && [ "$("$prefix/node_modules/.bin/code-server" --version 2>/dev/null | head -1 | cut -d' ' -f1)" = "$CODE_SERVER_VERSION" ]; then
    echo "code-server $CODE_SERVER_VERSION already in $prefix"
    exit 0
fi

# node-pty's install script runs `npx node-gyp`.
if ! command -v node-gyp >/dev/null; then
    as_root npm install -g --no-fund --no-audit "node-gyp@$NODE_GYP_VERSION"
fi

# @vscode/ripgrep downloads rg from GitHub unless it finds the archive in
# its cache under the temporary directory: give it Debian's rg instead.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
mkdir -p "$cache"
cp "$(command -v rg)" "$tmp/rg"
tar czf "$cache/$RIPGREP_ASSET" -C "$tmp" rg

mkdir -p "$prefix"
cd "$prefix"
[ -f package.json ] || echo '{"private": true}' > package.json
echo "installing code-server $CODE_SERVER_VERSION into $prefix (builds native modules: several minutes)"
TMPDIR="$tmp" npm_config_yes=true npm install --no-fund --no-audit --unsafe-perm \
    "code-server@$CODE_SERVER_VERSION"
"$prefix/node_modules/.bin/code-server" --version
