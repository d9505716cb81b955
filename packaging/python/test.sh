#!/usr/bin/env bash
# The wheel as a user gets it: build it, install it offline into a fresh venv (no Rust, no index),
# `connector-ls check` the example connector, and `serve` answers an LSP initialize.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
need_dist_bin
out="$PKG_OUT/wheel"
rm -rf "$out"
bash "$ROOT/packaging/python/build.sh" "$out" 2>&1 | tail -n 3
whl="$(ls "$out"/connector_ls-*.whl)"
measured "wheel ($(basename "$whl"))" "$(human "$(size_of "$whl")")"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
t=$(now_ms)
"$tmp/venv/bin/pip" install -q --disable-pip-version-check --no-index "$whl"
measured "pip install of the wheel (fresh venv, offline)" "$(secs_since "$t")"

exe="$tmp/venv/bin/connector-ls"
[ -x "$exe" ] || { echo "the wheel installed no connector-ls command into the venv's bin/"; exit 1; }
# The example ships with known errors: exit status 1 and the findings on stdout.
set +e
"$exe" check "$EXAMPLE" >"$tmp/check.txt" 2>&1
status=$?
set -e
tail -n 1 "$tmp/check.txt"
[ "$status" -eq 1 ] || { echo "check of the example: exit status $status, expected 1"; cat "$tmp/check.txt"; exit 1; }
grep -q 'error\[' "$tmp/check.txt" || { echo "check printed no error finding"; exit 1; }
"$exe" --version
python3 "$ROOT/packaging/test/lsp_initialize.py" "$exe"
echo "wheel: ok"
