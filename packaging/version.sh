#!/usr/bin/env bash
# Prints the version every package carries: [workspace.package] version in Cargo.toml.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
v="$(sed -n '/^\[workspace.package\]/,/^\[/{s/^version *= *"\([^"]*\)".*/\1/p}' "$ROOT/Cargo.toml")"
[ -n "$v" ] || { echo "no [workspace.package] version in $ROOT/Cargo.toml" >&2; exit 1; }
echo "$v"
