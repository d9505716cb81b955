#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code (code-server + headless Chromium).
# Installs what it needs (Debian's chromium and ripgrep, code-server from the npm registry), builds
# the server if missing and the .vsix unless VSIX is given, then runs test/e2e/vscode-e2e.js.
#   env: VSCODE_E2E_DIR  where code-server is installed (default ~/.cache/connector-ls-vscode-e2e)
#        ARTIFACTS       screenshots, Problems rows, code-server log (default test-results/e2e)
#        VSIX            an already built .vsix to test
#        E2E_SERVER      `bundled`: VSIX is a platform .vsix (scripts/package-target.sh) and the test
#                        sets no connectorLs.server.path and hides connector-ls from PATH; default:
#                        the setting points to target/debug/connector-ls
# Exit status non-zero when anything failed.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
EXT="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$EXT/../.." && pwd)"
INSTALL_DIR="${VSCODE_E2E_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/connector-ls-vscode-e2e}"
ARTIFACTS="${ARTIFACTS:-$EXT/test-results/e2e}"
SERVER="$ROOT/target/debug/connector-ls"

if [ "${E2E_SERVER:-}" = bundled ]; then
  [ -n "${VSIX:-}" ] || { echo "E2E_SERVER=bundled needs VSIX, a platform .vsix (scripts/package-target.sh)"; exit 2; }
  SERVER=bundled
else
  echo "== building the server"
  (cd "$ROOT" && cargo build --locked -p connector-ls)
fi
echo "== installing code-server into $INSTALL_DIR"
bash "$HERE/install-vscode.sh" "$INSTALL_DIR"
if [ -z "${VSIX:-}" ]; then
  echo "== packaging the extension"
  (cd "$EXT" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run --silent package >/dev/null)
  VSIX="$EXT/connector-ls.vsix"
fi
rm -rf "$ARTIFACTS"
echo "== running the end-to-end test"
node "$HERE/e2e/vscode-e2e.js" --install "$INSTALL_DIR" --vsix "$VSIX" --server "$SERVER" \
  --fixture "$HERE/fixtures/workspace" --artifacts "$ARTIFACTS"
