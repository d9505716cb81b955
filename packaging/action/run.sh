#!/usr/bin/env bash
# What the GitHub Action (action.yml at the repository root) does, as a script that runs anywhere
# bash does (also locally, see packaging/action/test.sh):
#   1. install the released connector-ls for this runner: download connector-ls-TARGET.tar.gz (.zip
#      on Windows) from the GitHub release, verify it against the release's SHA256SUMS, unpack
#   2. connector-ls check PATHS --format github ARGS     (annotations on the pull request)
#   3. with a SARIF path: the same check again with --format sarif into that file
# Environment (action.yml maps its inputs; GitHub sets RUNNER_* and GITHUB_*):
#   INPUT_PATHS      paths to check, one per line (default: .)
#   INPUT_VERSION    release to install: `latest`, or 0.1.0 / v0.1.0 (default: the action's own ref
#                    when it is a version tag, `uses: OWNER/connector-ls@v0.1.0`; else latest)
#   CONNECTOR_LS_ACTION_REF  the ref the action was used at (github.action_ref)
#   INPUT_ARGS       more arguments for check, split at whitespace (e.g. --base origin/main)
#   INPUT_SARIF      write SARIF there too (empty: no SARIF)
#   CONNECTOR_LS_REPO      owner/name whose releases hold the archives
#   CONNECTOR_LS_ARCHIVE   use this local archive instead of downloading (tests; a mirror)
#   CONNECTOR_LS_SHA256SUMS  the SHA256SUMS file to verify a local archive against (required with it)
#   CONNECTOR_LS_PRINT_URL=1 print the archive's download URL and stop (tests)
#   RUNNER_OS RUNNER_ARCH RUNNER_TEMP GITHUB_OUTPUT GITHUB_PATH
# Writes `status` (the check's exit status: 0 clean, 1 error findings, 2 usage/read error) and
# `sarif` to GITHUB_OUTPUT, and exits 0 when the check ran (the action fails on `status` after the
# SARIF upload); non-zero when the install failed.
set -euo pipefail

die() {
  echo "::error title=connector-ls action::$*"
  exit 3
}

os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) die "no prebuilt connector-ls for $os/$arch (prebuilt: Linux X64/ARM64, macOS X64/ARM64, Windows X64)" ;;
esac
case "$target" in
  *windows*) asset="connector-ls-$target.zip" exe=connector-ls.exe ;;
  *) asset="connector-ls-$target.tar.gz" exe=connector-ls ;;
esac

version="${INPUT_VERSION:-}"
if [ -z "$version" ]; then
  if [[ "${CONNECTOR_LS_ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then version="$CONNECTOR_LS_ACTION_REF"; else version=latest; fi
fi
version="${version#v}"
[[ "$version" == latest || "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] ||
  die "version must be latest or a release version such as 0.1.0, not '$version'"

tmp_root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
dest="$tmp_root/connector-ls-$version-$target"
work="$(mktemp -d "$tmp_root/connector-ls-dl.XXXXXX")"
trap 'rm -rf "$work"' EXIT

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

if [ -n "${CONNECTOR_LS_ARCHIVE:-}" ]; then
  [ -f "$CONNECTOR_LS_ARCHIVE" ] || die "CONNECTOR_LS_ARCHIVE: no file at $CONNECTOR_LS_ARCHIVE"
  [ -f "${CONNECTOR_LS_SHA256SUMS:-}" ] || die "CONNECTOR_LS_SHA256SUMS: the checksum file for the local archive is missing"
  cp "$CONNECTOR_LS_ARCHIVE" "$work/$asset"
  cp "$CONNECTOR_LS_SHA256SUMS" "$work/SHA256SUMS"
  dest="$work/install"
else
  repo="${CONNECTOR_LS_REPO:?CONNECTOR_LS_REPO (owner/name of the connector-ls repository) is not set}"
  if [ "$version" = latest ]; then base="https://github.com/$repo/releases/latest/download"; else base="https://github.com/$repo/releases/download/v$version"; fi
  if [ -n "${CONNECTOR_LS_PRINT_URL:-}" ]; then
    echo "$base/$asset"
    exit 0
  fi
  echo "downloading $base/$asset"
  curl -fsSL --retry 3 -o "$work/$asset" "$base/$asset" || die "could not download $base/$asset"
  curl -fsSL --retry 3 -o "$work/SHA256SUMS" "$base/SHA256SUMS" || die "could not download $base/SHA256SUMS"
fi

# The archive's line in SHA256SUMS, and its hash.
expected="$(awk -v n="$asset" '$2 == n || $2 == "*" n { print $1 }' "$work/SHA256SUMS")"
[ -n "$expected" ] || die "SHA256SUMS has no line for $asset"
actual="$(sha256 "$work/$asset")"
[ "$expected" = "$actual" ] || die "checksum mismatch for $asset: expected $expected, got $actual"
echo "verified $asset (sha256 $actual)"

mkdir -p "$dest/bin"
case "$asset" in
  *.zip) if command -v unzip >/dev/null; then unzip -q -o "$work/$asset" "$exe" -d "$dest/bin"; else 7z x -y -bso0 "-o$dest/bin" "$work/$asset" "$exe"; fi ;;
  *) tar -xzf "$work/$asset" -C "$dest/bin" "$exe" ;;
esac
bin="$dest/bin/$exe"
[ -x "$bin" ] || chmod +x "$bin"
"$bin" --version
if [ -n "${GITHUB_PATH:-}" ] && [ -z "${CONNECTOR_LS_ARCHIVE:-}" ]; then echo "$dest/bin" >> "$GITHUB_PATH"; fi

paths=()
while IFS= read -r line; do
  line="${line%$'\r'}"
  [ -n "${line//[[:space:]]/}" ] && paths+=("$line")
done <<< "${INPUT_PATHS:-.}"
[ ${#paths[@]} -gt 0 ] || paths=(.)
extra=()
[ -n "${INPUT_ARGS:-}" ] && read -r -a extra <<< "$INPUT_ARGS"

set +e
"$bin" check "${paths[@]}" --format github ${extra[@]+"${extra[@]}"}
status=$?
set -e
echo "connector-ls check: exit status $status"
if [ -n "${INPUT_SARIF:-}" ]; then
  mkdir -p "$(dirname "$INPUT_SARIF")"
  set +e
  "$bin" check "${paths[@]}" --format sarif ${extra[@]+"${extra[@]}"} > "$INPUT_SARIF"
  set -e
  echo "SARIF written to $INPUT_SARIF"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "status=$status" >> "$GITHUB_OUTPUT"
  echo "sarif=${INPUT_SARIF:-}" >> "$GITHUB_OUTPUT"
fi
