#!/usr/bin/env bash
# Writes DIR/SHA256SUMS over every file in DIR (sha256sum format: `HASH  NAME`).
#   packaging/checksums.sh DIR
set -euo pipefail
dir="${1:?usage: checksums.sh DIR}"
cd "$dir"
if command -v sha256sum >/dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%P\n' 2>/dev/null | LC_ALL=C sort | xargs -d '\n' "${sum[@]}" > SHA256SUMS
cat SHA256SUMS
