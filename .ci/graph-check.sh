#!/usr/bin/env bash
# `haplint graph` output checked by other programs: Graphviz's `dot -Tsvg`
# accepts the DOT, mermaid's parser accepts the Mermaid, and the SVG and
# HTML load in headless Chromium with every frontend and backend name on
# the page and nothing over the legend (screenshots in the output dir).
#
#   .ci/graph-check.sh path/to/haplint
#
# Output goes to target/graph-check/ (or $HAPLINT_GRAPH_CHECK_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "$1")
repo=$PWD
out="${HAPLINT_GRAPH_CHECK_OUT:-$repo/target/graph-check}"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v dot >/dev/null || missing+=(graphviz)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || { sudo_if_needed apt-get update -qq \
            && sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
fi

rm -rf "$out"
mkdir -p "$out/graphviz"
# Each fixture as NAME: its arguments to `haplint graph`.
declare -A fixtures=(
    [conditions]="--acl-definitions test-corpus/graph/conditions.cfg"
    [inheritance]="test-corpus/graph/inheritance.cfg"
    [dynamic]="--live test-corpus/graph/dynamic.cfg"
    [findings]="test-corpus/graph/findings.cfg"
    [set]="-f test-corpus/graph/set"
    [showcase]="test-corpus/showcase/production.cfg"
)
for name in "${!fixtures[@]}"; do
    # shellcheck disable=SC2086 # the arguments are meant to be split
    for format in json dot mermaid svg html; do
        "$binary" graph --format "$format" ${fixtures[$name]} -o "$out/$name.$format"
    done
    mv "$out/$name.mermaid" "$out/$name.mmd"
    # Graphviz's own renderings go aside: only haplint's pages are checked below.
    dot -Tsvg "$out/$name.dot" -o "$out/graphviz/$name.svg"
    echo "ok   dot -Tsvg accepts $name.dot"
done

cd .ci/graph
npm ci --no-fund --no-audit --silent
node check-mermaid.mjs "$out"/*.mmd
timeout 300 node check-pages.mjs "$out"
