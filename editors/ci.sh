#!/usr/bin/env bash
# Editor integration checks, called by .ci/run (as root, CI=true, no stdin). Installs what the
# tests need from the package registries (npm, Debian), then runs:
#   1. the VS Code extension: npm ci, lint, type-check, unit tests (node:test), build + package (.vsix)
#   2. the Neovim test (Debian's neovim, headless) against the built server
#   3. the VS Code end-to-end test in code-server + headless Chromium
# Expects the server at target/debug/connector-ls (builds it when missing). Every step runs even if
# an earlier one failed; the exit status is non-zero when any failed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
EXT="$ROOT/editors/vscode"
export DEBIAN_FRONTEND=noninteractive npm_config_yes=true npm_config_fund=false npm_config_audit=false
T0=$(date +%s)
PASSED=0
FAILED=0
FAILURES=()

step() {
  local name="$1"
  shift
  local t=$(date +%s)
  echo
  echo "=== $name"
  if "$@"; then
    PASSED=$((PASSED + 1))
    echo "=== $name: ok ($(($(date +%s) - t)) s)"
  else
    FAILED=$((FAILED + 1))
    FAILURES+=("$name")
    echo "=== $name: FAILED ($(($(date +%s) - t)) s)"
  fi
}

server() {
  [ -x "$ROOT/target/debug/connector-ls" ] || (cd "$ROOT" && cargo build -p connector-ls)
}

apt_deps() {
  local missing=()
  command -v nvim >/dev/null || missing+=(neovim)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  [ ${#missing[@]} -eq 0 ] && return 0
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
}

vscode_unit() {
  cd "$EXT" &&
    npm ci --no-audit --no-fund &&
    npm run --silent lint &&
    npm run --silent typecheck &&
    npm test 2>&1 | tail -n 12 &&
    npm run --silent package &&
    ls -l connector-ls.vsix
}

step "server binary" server
step "system packages (neovim, chromium, ripgrep)" apt_deps
step "vscode: install, lint, typecheck, unit tests, package" vscode_unit
step "neovim: headless test" bash "$ROOT/editors/nvim/test/run.sh" "$ROOT/target/debug/connector-ls"
step "vscode: end-to-end in code-server" env VSIX="$EXT/connector-ls.vsix" bash "$EXT/test/e2e.sh"

echo
echo "editors/ci.sh took $(($(date +%s) - T0)) s"
for f in "${FAILURES[@]}"; do echo "failed: $f"; done
echo "editors: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
