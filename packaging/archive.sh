#!/usr/bin/env bash
# The release archive of one platform: connector-ls-TARGET.tar.gz (connector-ls-TARGET.zip for
# Windows) with the binary, README.md and LICENSE at the top. The name carries no version, so that
# `releases/latest/download/<name>` works; the GitHub Action downloads these.
#   packaging/archive.sh TARGET BINARY OUT_DIR     e.g. x86_64-unknown-linux-musl target/dist/connector-ls dist/
set -euo pipefail
source "$(dirname "$0")/lib.sh"
target="${1:?usage: archive.sh TARGET BINARY OUT_DIR}"
binary="${2:?usage: archive.sh TARGET BINARY OUT_DIR}"
out="${3:?usage: archive.sh TARGET BINARY OUT_DIR}"
[ -f "$binary" ] || { echo "no binary at $binary" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
name="connector-ls-$target"
case "$target" in
  *windows*) exe=connector-ls.exe ;;
  *) exe=connector-ls ;;
esac
cp "$binary" "$stage/$exe"
chmod 755 "$stage/$exe"
cp "$ROOT/README.md" "$ROOT/LICENSE" "$stage/"
case "$target" in
  *windows*)
    (cd "$stage" && if command -v zip >/dev/null; then zip -q -9 "$out/$name.zip" "$exe" README.md LICENSE
      else 7z a -tzip -bso0 "$out/$name.zip" "$exe" README.md LICENSE; fi)
    echo "$out/$name.zip" ;;
  *)
    tar -C "$stage" -czf "$out/$name.tar.gz" "$exe" README.md LICENSE
    echo "$out/$name.tar.gz" ;;
esac
