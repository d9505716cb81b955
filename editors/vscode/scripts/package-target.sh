#!/usr/bin/env bash
# A platform-specific .vsix with the server inside: bundles BINARY for TARGET (scripts/bundle-server.mjs),
# runs `vsce package --target TARGET`, and removes the bundled copy again so that a universal
# package built afterwards (`npm run package`) carries no server.
#   scripts/package-target.sh TARGET [BINARY] [OUT.vsix]
#   e.g. scripts/package-target.sh linux-x64 ../../target/dist/connector-ls
set -euo pipefail
EXT="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: package-target.sh TARGET [BINARY] [OUT.vsix]}"
binary="${2:-}"
out="${3:-$EXT/connector-ls-$target.vsix}"
cd "$EXT"
[ -d node_modules ] || npm ci --no-audit --no-fund
trap 'rm -rf "$EXT/server"' EXIT
node scripts/bundle-server.mjs ${binary:+"$binary"} --target "$target"
npx --no-install vsce package --target "$target" -o "$out"
