#!/usr/bin/env bash
# Editor integration checks, called by .ci/run (as root, CI=true, no stdin). Installs what the
# tests need from the package registries (npm, Debian), then runs:
#   1. the VS Code extension: npm ci, lint, type-check, unit tests (node:test), build + package (.vsix)
#   2. the Neovim test (Debian's neovim, headless) against the built server
#   3. the VS Code end-to-end test in code-server + headless Chromium, with the platform .vsix
#      (linux-x64, the dist server inside, found with no setting and nothing on PATH)
# Builds the server (target/debug/connector-ls) and the distribution build (target/dist/connector-ls,
# packaging/build-dist.sh) first; cargo does nothing when they are current, and a binary left from
# an older checkout is never tested in place of this one. Every step runs even if
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
  (cd "$ROOT" && cargo build --locked -p connector-ls)
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

dist_server() {
  bash "$ROOT/packaging/build-dist.sh"
}

vscode_platform() {
  bash "$EXT/scripts/package-target.sh" linux-x64 "$ROOT/target/dist/connector-ls" "$EXT/connector-ls-linux-x64.vsix" | tail -n 2 &&
    ls -l "$EXT/connector-ls-linux-x64.vsix"
}

step "server binary" server
step "server binary, dist profile" dist_server
step "system packages (neovim, chromium, ripgrep)" apt_deps
step "vscode: install, lint, typecheck, unit tests, package" vscode_unit
step "vscode: platform .vsix (linux-x64, server inside)" vscode_platform
step "neovim: headless test" bash "$ROOT/editors/nvim/test/run.sh" "$ROOT/target/debug/connector-ls"
step "vscode: end-to-end in code-server (platform .vsix, no setting, no server on PATH)" \
  env VSIX="$EXT/connector-ls-linux-x64.vsix" E2E_SERVER=bundled bash "$EXT/test/e2e.sh"

echo
echo "editors/ci.sh took $(($(date +%s) - T0)) s"
for f in "${FAILURES[@]}"; do echo "failed: $f"; done
echo "editors: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
