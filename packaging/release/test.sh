#!/usr/bin/env bash
# The release leg for linux x64 (packaging/release/build-target.sh x86_64-unknown-linux-musl) as
# the workflow runs it, with this machine's dist binary standing in for the musl build, then the
# release's SHA256SUMS: every file the leg must ship is there and the sums verify.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
need_dist_bin
out="$PKG_OUT/release"
rm -rf "$out"
PREBUILT="$DIST_BIN" bash "$ROOT/packaging/release/build-target.sh" x86_64-unknown-linux-musl "$out" >"$PKG_OUT/release.log" 2>&1 ||
  { cat "$PKG_OUT/release.log"; exit 1; }
node "$ROOT/packaging/npm/pack.mjs" main "$out/npm" >/dev/null && mv "$out"/npm/*.tgz "$out/" && rm -rf "$out/npm"
v="$(bash "$ROOT/packaging/version.sh")"
for f in connector-ls-x86_64-unknown-linux-musl.tar.gz "connector-ls-cli-linux-x64-$v.tgz" "connector-ls-$v.tgz" \
  "connector-ls-linux-x64-$v.vsix" "connector-ls-alpine-x64-$v.vsix"; do
  [ -s "$out/$f" ] || { echo "the release leg wrote no $f"; ls -l "$out"; exit 1; }
done
ls "$out"/connector_ls-"$v"-*.whl >/dev/null || { echo "the release leg wrote no wheel"; exit 1; }
bash "$ROOT/packaging/checksums.sh" "$out" >/dev/null
(cd "$out" && sha256sum -c --quiet SHA256SUMS)
echo "release files:"
(cd "$out" && ls -l | awk 'NR > 1 { printf "  %-60s %s\n", $9, $5 }')
echo "release: ok"
