#!/usr/bin/env bash
# The npm packages as a user gets them: `npm pack` the launcher package and this platform's
# package (with the dist binary), install both tarballs into an empty folder with --offline (the
# other platforms' optional dependencies cannot be fetched and are skipped), then
# `npx connector-ls check` the example: findings and exit status come through the launcher.
# Also: the launcher's message when the platform package is missing, and a signal reaching the
# binary.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
need_dist_bin
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
out="$PKG_OUT/npm"
rm -rf "$out"
main="$(node "$ROOT/packaging/npm/pack.mjs" main "$out")"
plat="$(node "$ROOT/packaging/npm/pack.mjs" platform "$out" "$DIST_BIN")"
measured "npm tarball $(basename "$main")" "$(human "$(size_of "$main")")"
measured "npm tarball $(basename "$plat")" "$(human "$(size_of "$plat")")"
v="$(bash "$ROOT/packaging/version.sh")"
tar -xzOf "$main" package/package.json | grep -q "\"version\": \"$v\"" || { echo "the main package is not stamped with $v"; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/app"
cd "$tmp/app"
t=$(now_ms)
npm install --offline --no-audit --no-fund --loglevel=error "$main" "$plat"
measured "npm install --offline of the two tarballs" "$(secs_since "$t")"

set +e
npx --offline connector-ls check "$EXAMPLE" >"$tmp/check.txt" 2>&1
status=$?
set -e
tail -n 1 "$tmp/check.txt"
[ "$status" -eq 1 ] || { echo "npx connector-ls check: exit status $status, expected 1"; cat "$tmp/check.txt"; exit 1; }
grep -q 'error\[' "$tmp/check.txt" || { echo "check printed no error finding"; exit 1; }
npx --offline connector-ls --version
python3 "$ROOT/packaging/test/lsp_initialize.py" "$tmp/app/node_modules/.bin/connector-ls"

# A signal to the launcher reaches the binary, and the launcher ends by the same signal.
mkfifo "$tmp/in"
exec 3<>"$tmp/in"
node_modules/.bin/connector-ls serve <"$tmp/in" >/dev/null 2>&1 &
pid=$!
sleep 1
kill -TERM "$pid"
set +e
wait "$pid"
status=$?
set -e
exec 3>&-
[ "$status" -eq 143 ] || { echo "after SIGTERM the launcher ended with status $status, expected 143 (SIGTERM)"; exit 1; }
if pgrep -f "$tmp/app/node_modules/@connector-ls/cli-" >/dev/null; then echo "the binary outlived the launcher"; exit 1; fi

# Without the platform package: one clear message, exit status 2.
mkdir "$tmp/bare"
cd "$tmp/bare"
npm install --offline --no-audit --no-fund --loglevel=error "$main"
set +e
npx --offline connector-ls check . >"$tmp/bare.txt" 2>&1
status=$?
set -e
[ "$status" -eq 2 ] && grep -q "native binary for $(node -p 'process.platform + "-" + process.arch') is missing" "$tmp/bare.txt" ||
  { echo "missing platform package: status $status"; cat "$tmp/bare.txt"; exit 1; }
head -n 1 "$tmp/bare.txt"
echo "npm: ok"
