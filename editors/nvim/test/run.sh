#!/usr/bin/env bash
# Runs editors/nvim against the built server in headless Neovim (Debian's 0.7.2 in CI).
#   usage: run.sh [SERVER]   (default: target/debug/connector-ls, built if missing)
# Exit status non-zero when a check failed. Installs neovim with apt-get when it is missing.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
NVIM_DIR="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$NVIM_DIR/../.." && pwd)"
SERVER="${1:-$ROOT/target/debug/connector-ls}"
if [ ! -x "$SERVER" ]; then (cd "$ROOT" && cargo build -p connector-ls); fi
if ! command -v nvim >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq neovim >/dev/null
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cp -r "$ROOT/editors/vscode/test/fixtures/workspace" "$TMP/ws"
OUT="$TMP/result.txt"
set +e
CONNECTOR_LS_SERVER="$(cd "$(dirname "$SERVER")" && pwd)/$(basename "$SERVER")" \
CONNECTOR_LS_FILE="$TMP/ws/Contoso/apiDefinition.swagger.json" \
CONNECTOR_LS_OUT="$OUT" \
  timeout -k 5 120 nvim --headless --clean -n \
    --cmd "set runtimepath^=$NVIM_DIR" -c "luafile $HERE/test.lua" </dev/null >/dev/null 2>&1
RC=$?
set -e
cat "$OUT" 2>/dev/null || echo "nvim produced no result (rc=$RC)"
[ "$RC" = 0 ] && grep -q " 0 failed" "$OUT"
