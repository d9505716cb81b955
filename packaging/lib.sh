# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts
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

# python3; on Windows `python` (a `python3` there may be the Store's stub).
if [ -z "${PYTHON:-}" ]; then
  if [ "${OS:-}" = Windows_NT ] && command -v python >/dev/null; then PYTHON=python; else PYTHON="$(command -v python3 || command -v python || echo python3)"; fi
fi

# A venv's bin/ (Scripts/ on Windows).
venv_bin() { if [ -d "$1/Scripts" ]; then echo "$1/Scripts"; else echo "$1/bin"; fi; }

maturin_bin() {
  local venv="$PKG_CACHE/venv" bin
  bin="$(venv_bin "$venv")"
  if ! "$bin/maturin" --version 2>/dev/null | grep -qx "maturin $MATURIN_VERSION"; then
    "$PYTHON" -m venv "$venv" >&2 || return 1
    bin="$(venv_bin "$venv")"
    "$bin/python" -m pip install -q --disable-pip-version-check "maturin==$MATURIN_VERSION" ${MATURIN_EXTRA_PIP:-} >&2 || return 1
  fi
  echo "$bin/maturin"
}

size_of() { wc -c < "$1" | tr -d " "; }
human() { awk -v b="$1" 'BEGIN { if (b < 1000000) printf "%.1f kB", b / 1000; else printf "%.1f MB", b / 1000000 }'; }
# A line the README's size/time table is made from: `measured: WHAT: VALUE`.
measured() { echo "measured: $1: $2"; }
now_ms() { date +%s%3N; }
secs_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f s", (b - a) / 1000 }'; }
