#!/usr/bin/env bash
# Packaging checks, called by .ci/run after editors/ci.sh (as root, CI=true, no stdin): every way to
# install connector-ls without a Rust toolchain, built from this checkout and installed as a user
# would, for linux-x64. Builds the dist binary once (packaging/build-dist.sh; editors/ci.sh has
# usually built it already), then:
#   lint     actionlint over .github/workflows, shellcheck over the scripts
#   wheel    maturin wheel, offline pip install into a fresh venv, check + serve
#   npm      launcher + platform tarballs, offline npm install, npx check, signals, missing platform
#   vscode   platform .vsix under 10 MB with the server inside, universal .vsix without
#   action   the GitHub Action's script on a scratch git repository with a local release archive
#   release  the release workflow's linux-x64 leg and SHA256SUMS
# Every step runs even if an earlier one failed; the sizes and install times measured are listed
# at the end (the README's table comes from them). Exit status non-zero when any step failed.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
T0=$(date +%s)
PASSED=0
FAILED=0
FAILURES=()
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

step() {
  local name="$1"
  shift
  local t
  t=$(date +%s)
  echo
  echo "=== $name"
  if "$@" 2>&1 | tee -a "$LOG"; then
    PASSED=$((PASSED + 1))
    echo "=== $name: ok ($(($(date +%s) - t)) s)"
  else
    FAILED=$((FAILED + 1))
    FAILURES+=("$name")
    echo "=== $name: FAILED ($(($(date +%s) - t)) s)"
  fi
}

# Up to date already after editors/ci.sh: cargo then only checks.
step "dist binary (cargo build --profile dist)" bash "$HERE/build-dist.sh"
step "lint: actionlint, shellcheck" bash "$HERE/lint.sh"
step "wheel: build, offline install into a fresh venv, check, serve" bash "$HERE/python/test.sh"
step "npm: pack, offline install, npx check" bash "$HERE/npm/test.sh"
step "vscode: platform .vsix with the server, universal without" bash "$HERE/vscode/test.sh"
step "action: run.sh on a scratch repository" bash "$HERE/action/test.sh"
step "release: the linux-x64 leg, SHA256SUMS" bash "$HERE/release/test.sh"

echo
echo "measured here:"
grep '^measured: ' "$LOG" | sed 's/^measured: /  /'
echo "packaging/ci.sh took $(($(date +%s) - T0)) s"
for f in "${FAILURES[@]}"; do echo "failed: $f"; done
echo "packaging: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
