#!/usr/bin/env bash
# Exercises .pre-commit-hooks.yaml the way users will: pre-commit (from PyPI)
# builds the hook with `cargo install` and runs it on a scratch git
# repository. A broken configuration must fail, a good one must pass, both
# with `pre-commit try-repo` and with a real `git commit` through the
# installed hook.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
export PATH="$work/venv/bin:$PATH"
# Keep the hook's build between runs; pre-commit passes the variable on.
export CARGO_TARGET_DIR="$repo/target/pre-commit"
export PRE_COMMIT_HOME="$repo/target/pre-commit-home"

scratch="$work/configs"
mkdir "$scratch"
cd "$scratch"
git init --quiet
git config user.email ci@haplint.invalid
git config user.name "haplint CI"
cp "$repo/test-corpus/showcase/clean.cfg" good.cfg
cp "$repo/test-corpus/syntax/broken.cfg" bad.cfg
git add good.cfg bad.cfg

echo "try-repo on the good config (must pass)"
pre-commit try-repo "$repo" haplint --files good.cfg
echo "try-repo on the bad config (must fail)"
if pre-commit try-repo "$repo" haplint --files bad.cfg; then
    echo "error: the hook accepted a broken configuration" >&2
    exit 1
fi

echo "real commits through the installed hook"
rev="$(git -C "$repo" rev-parse HEAD)"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: haplint
YAML
git reset --quiet
git add .pre-commit-config.yaml
git commit --quiet --no-verify -m "hook configuration"
pre-commit install
git add good.cfg
git commit --quiet -m "good configuration"
git add bad.cfg
if git commit --quiet -m "bad configuration"; then
    echo "error: the hook let a broken configuration be committed" >&2
    exit 1
fi
echo "pre-commit hook: good config committed, broken config refused"
