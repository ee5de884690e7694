#!/usr/bin/env bash
# Exercises .pre-commit-hooks.yaml the way users will: pre-commit (from PyPI)
# builds the hook with `cargo install` and runs it on scratch git
# repositories. A broken configuration must fail, a good one must pass, both
# with `pre-commit try-repo` and with a real `git commit` through the
# installed hook; the `setup.cfg` of a Python project is not taken for an
# HAProxy configuration; and a configuration split over haproxy.cfg and
# conf.d/, declared in haplint.toml, is checked as one.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
export PATH="$work/venv/bin:$PATH"
# Keep the hook's build between runs; pre-commit passes the variable on.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/pre-commit}"
export PRE_COMMIT_HOME="$repo/target/pre-commit-home"
rev="$(git -C "$repo" rev-parse HEAD)"

fail() {
    echo "error: $*" >&2
    exit 1
}

scratch_repo() {
    mkdir "$1"
    cd "$1"
    git init --quiet
    git config user.email ci@haplint.invalid
    git config user.name "haplint CI"
}

# The hook pinned to this revision, with extra lines for it (`files:`...).
hook_config() {
    cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: haplint
$1
YAML
    git add .pre-commit-config.yaml
    git commit --quiet --no-verify -m "hook configuration"
    pre-commit install
}

scratch_repo "$work/configs"
cp "$repo/test-corpus/showcase/clean.cfg" haproxy.cfg
mkdir haproxy
cp "$repo/test-corpus/syntax/broken.cfg" haproxy/broken.cfg
# What a Python project has: not HAProxy, and full of errors if read as it.
printf '[metadata]\nname = example\n\n[options]\npackages = find:\n' > setup.cfg
git add haproxy.cfg haproxy/broken.cfg setup.cfg

echo "try-repo on haproxy.cfg and setup.cfg (must pass, checking only haproxy.cfg)"
out="$(pre-commit try-repo --verbose "$repo" haplint --files haproxy.cfg setup.cfg)" ||
    fail "the hook refused a good haproxy.cfg (or checked setup.cfg): $out"
echo "$out"
grep -q "no files to check" <<<"$out" && fail "the hook did not check haproxy.cfg"
echo "try-repo on the broken configuration (must fail)"
if pre-commit try-repo "$repo" haplint --files haproxy/broken.cfg; then
    fail "the hook accepted a broken configuration"
fi

echo "real commits through the installed hook"
git reset --quiet
hook_config ""
git add setup.cfg
out="$(pre-commit run haplint --files setup.cfg)" || fail "setup.cfg was checked: $out"
grep -q "no files to check" <<<"$out" || fail "setup.cfg was checked: $out"
git commit --quiet -m "python project settings"
git add haproxy.cfg
git commit --quiet -m "good configuration"
git add haproxy/broken.cfg
if git commit --quiet -m "bad configuration"; then
    fail "the hook let a broken configuration be committed"
fi
git reset --quiet
cp "$repo/test-corpus/syntax/broken.cfg" edge.haproxy
git add edge.haproxy
if git commit --quiet -m "bad configuration, named *.haproxy"; then
    fail "the hook did not check edge.haproxy"
fi
git reset --quiet
echo "pre-commit hook: good config committed, broken ones refused, setup.cfg left alone"

echo "a split configuration declared in haplint.toml"
scratch_repo "$work/split"
printf 'config-sets = [["haproxy.cfg", "conf.d"]]\n' > haplint.toml
mkdir conf.d
# The frontend's backend is in conf.d/, as with `haproxy -f haproxy.cfg -f conf.d/`.
cat > haproxy.cfg <<'CFG'
global
    stats socket /run/haproxy/admin.sock mode 660 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe_web
    bind :80
    default_backend be_app
CFG
cat > conf.d/20-app.cfg <<'CFG'
backend be_app
    server app1 10.0.0.11:8080 check
CFG
# Widened to conf.d/, as the README shows.
hook_config "        files: '(^|/)haproxy[^/]*\\.cfg\$|^conf\\.d/.*\\.cfg\$'"
git add haplint.toml haproxy.cfg conf.d
git commit --quiet -m "split configuration" ||
    fail "the hook refused a split configuration whose parts fit together"
printf '    http-request deny if { path_beg /admin }\n' >> haproxy.cfg
git add haproxy.cfg
git commit --quiet -m "only haproxy.cfg changes" ||
    fail "haproxy.cfg was checked without the rest of its set"
sed -i 's/default_backend be_app/default_backend be_missing/' haproxy.cfg
git add haproxy.cfg
if git commit --quiet -m "a backend that no file defines"; then
    fail "the hook let an undefined backend be committed"
fi
echo "pre-commit hook: split configuration committed, undefined backend refused"
