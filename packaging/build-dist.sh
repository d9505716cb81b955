#!/usr/bin/env bash
# Builds the binary every package carries: the `dist` profile (stripped, fat LTO, one codegen
# unit; see Cargo.toml), at target/dist/connector-ls. Several minutes from scratch.
#   packaging/build-dist.sh [--target TRIPLE]   (the release workflow cross-builds with --target)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
cargo build --locked --profile dist -p connector-ls "$@"
bin="$ROOT/target/dist/connector-ls"
for a in "$@"; do case "$a" in --target) next=1 ;; *) [ -n "${next:-}" ] && bin="$ROOT/target/$a/dist/connector-ls" && next= ;; esac; done
[ -e "$bin" ] || bin="$bin.exe"
measured "dist binary ($(basename "$bin"))" "$(human "$(size_of "$bin")")"
