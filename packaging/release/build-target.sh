#!/usr/bin/env bash
# One leg of the release (.github/workflows/release.yml): everything for one Rust target, into OUT.
#   packaging/release/build-target.sh TARGET OUT
# Builds the dist binary for TARGET (packaging/build-dist.sh --target TARGET), unless PREBUILT
# names an already built binary (the local test: this machine's target/dist/connector-ls stands in,
# and maturin then builds for the host, reusing target/dist/),
# then writes what the target ships:
#   *-linux-musl, *-apple-darwin, *-windows-msvc: the release archive (archive.sh: what the GitHub
#       Action installs), the npm platform package, the platform .vsix file(s), a wheel
#   *-linux-gnu: a wheel only (WHEEL_ARGS, e.g. `--zig --compatibility manylinux2014`, makes it
#       installable on old glibc); the archive, npm and .vsix use the static musl build
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
target="${1:?usage: build-target.sh TARGET OUT}"
out="${2:?usage: build-target.sh TARGET OUT}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

npm_plat="" vsce=()
case "$target" in
  x86_64-unknown-linux-musl) npm_plat="linux x64" vsce=(linux-x64 alpine-x64) ;;
  aarch64-unknown-linux-musl) npm_plat="linux arm64" vsce=(linux-arm64 alpine-arm64) ;;
  x86_64-apple-darwin) npm_plat="darwin x64" vsce=(darwin-x64) ;;
  aarch64-apple-darwin) npm_plat="darwin arm64" vsce=(darwin-arm64) ;;
  x86_64-pc-windows-msvc) npm_plat="win32 x64" vsce=(win32-x64) ;;
  x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu) ;;
  *) echo "unknown release target $target" >&2; exit 2 ;;
esac
exe=connector-ls
[[ "$target" == *windows* ]] && exe=connector-ls.exe

cargo_target=(--target "$target")
if [ -n "${PREBUILT:-}" ]; then
  [ -x "$PREBUILT" ] || { echo "PREBUILT: no executable at $PREBUILT" >&2; exit 1; }
  bin="$PREBUILT"
  cargo_target=()
elif [ -z "$npm_plat" ]; then
  bin="" # a wheel only: maturin builds it (with WHEEL_ARGS' linker, e.g. zig)
else
  bash "$ROOT/packaging/build-dist.sh" --target "$target"
  bin="$ROOT/target/$target/dist/$exe"
fi

# maturin reuses the binary cargo just built (same profile, same target).
bash "$ROOT/packaging/python/build.sh" "$out" ${cargo_target[@]+"${cargo_target[@]}"} ${WHEEL_ARGS:-}

if [ -n "$npm_plat" ]; then
  bash "$ROOT/packaging/archive.sh" "$target" "$bin" "$out"
  # shellcheck disable=SC2086 # "PLATFORM ARCH"
  node "$ROOT/packaging/npm/pack.mjs" platform "$out/npm" "$bin" $npm_plat
  mv "$out"/npm/*.tgz "$out/"
  rm -rf "$out/npm"
  v="$(bash "$ROOT/packaging/version.sh")"
  for t in "${vsce[@]}"; do
    bash "$ROOT/editors/vscode/scripts/package-target.sh" "$t" "$bin" "$out/connector-ls-$t-$v.vsix" | tail -n 1
  done
fi
ls -l "$out"
