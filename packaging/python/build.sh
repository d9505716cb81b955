#!/usr/bin/env bash
# Builds the wheel into OUT (default target/packages/) with maturin and the `dist` profile; maturin
# reuses target/dist/ when build-dist.sh built it already. Extra arguments go to `maturin build`
# (the release workflow passes --target TRIPLE, --compatibility ...).
#   packaging/python/build.sh [OUT] [MATURIN-ARGS...]
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
out="${1:-$PKG_OUT}"
shift || true
mkdir -p "$out"
maturin="$(maturin_bin)"
cd "$ROOT/packaging/python"
"$maturin" build --locked --profile dist --out "$out" "$@"
