# Shared by the packaging scripts (sourced). ROOT, the dist binary, the output folder, the tools.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Every package carries this binary: `cargo build --profile dist -p connector-ls` (build-dist.sh).
DIST_BIN="${DIST_BIN:-$ROOT/target/dist/connector-ls}"
# Where the packages are written.
PKG_OUT="${PKG_OUT:-$ROOT/target/packages}"
# Tools the packaging needs (maturin), installed from PyPI once, outside the repository.
PKG_CACHE="${PKG_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/connector-ls-packaging}"
EXAMPLE="$ROOT/examples/Contoso Widgets"
MATURIN_VERSION=1.16.0

need_dist_bin() {
  if [ ! -x "$DIST_BIN" ]; then
    echo "no dist binary at $DIST_BIN: run packaging/build-dist.sh first" >&2
    return 1
  fi
}

maturin_bin() {
  local venv="$PKG_CACHE/venv"
  if [ ! -x "$venv/bin/maturin" ] || [ "$("$venv/bin/maturin" --version)" != "maturin $MATURIN_VERSION" ]; then
    python3 -m venv "$venv" >&2 && "$venv/bin/pip" install -q --disable-pip-version-check "maturin==$MATURIN_VERSION" >&2 || return 1
  fi
  echo "$venv/bin/maturin"
}

size_of() { stat -c %s "$1"; }
human() { awk -v b="$1" 'BEGIN { if (b < 1000000) printf "%.1f kB", b / 1000; else printf "%.1f MB", b / 1000000 }'; }
# A line the README's size/time table is made from: `measured: WHAT: VALUE`.
measured() { echo "measured: $1: $2"; }
now_ms() { date +%s%3N; }
secs_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f s", (b - a) / 1000 }'; }
