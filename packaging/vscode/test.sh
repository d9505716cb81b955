#!/usr/bin/env bash
# The self-contained VS Code extension: the platform .vsix (linux-x64 here) carries the dist server,
# executable, and stays under 10 MB; the universal .vsix carries none. (That the extension finds
# the bundled server with no setting and nothing on PATH is the code-server end-to-end test,
# editors/ci.sh with E2E_SERVER=bundled.)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
need_dist_bin
EXT="$ROOT/editors/vscode"
out="$PKG_OUT/vscode"
rm -rf "$out"
mkdir -p "$out"
v="$(bash "$ROOT/packaging/version.sh")"
(cd "$EXT" && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
grep -q "\"version\": \"$v\"" "$EXT/package.json" || { echo "editors/vscode/package.json is not at version $v"; exit 1; }

vsix="$out/connector-ls-linux-x64-$v.vsix"
bash "$EXT/scripts/package-target.sh" linux-x64 "$DIST_BIN" "$vsix" | tail -n 1
size="$(size_of "$vsix")"
measured "vsix linux-x64 (server inside)" "$(human "$size")"
[ "$size" -lt 10000000 ] || { echo "the platform .vsix is $(human "$size"), over 10 MB"; exit 1; }
python3 - "$vsix" "$(size_of "$DIST_BIN")" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
e = z.getinfo("extension/server/linux-x64/connector-ls")
mode = e.external_attr >> 16
assert e.file_size == int(sys.argv[2]), "the bundled server is not the dist binary"
assert mode & 0o111, "the bundled server is not executable in the .vsix (mode %o)" % mode
manifest = z.read("extension.vsixmanifest").decode()
assert 'TargetPlatform="linux-x64"' in manifest, "the .vsix is not marked linux-x64"
print("the .vsix has server/linux-x64/connector-ls, mode %o, target linux-x64" % (mode & 0o777))
PY

universal="$out/connector-ls-$v.vsix"
(cd "$EXT" && rm -rf server && npx --no-install vsce package -o "$universal" | tail -n 1)
python3 - "$universal" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
servers = [n for n in names if n.startswith("extension/server/")]
assert not servers, "the universal .vsix carries a server: %s" % servers
print("the universal .vsix carries no server")
PY
measured "vsix universal (no server)" "$(human "$(size_of "$universal")")"

# The install time, when the code-server of the end-to-end test is there (editors/ci.sh installs it).
cs="${VSCODE_E2E_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/connector-ls-vscode-e2e}/node_modules/.bin/code-server"
if [ -x "$cs" ]; then
  tmp="$(mktemp -d)"
  t=$(now_ms)
  "$cs" --user-data-dir "$tmp/user" --extensions-dir "$tmp/ext" --install-extension "$vsix" >/dev/null 2>&1 ||
    { rm -rf "$tmp"; echo "code-server could not install $vsix"; exit 1; }
  measured "code-server --install-extension of the linux-x64 .vsix" "$(secs_since "$t")"
  [ -x "$(ls -d "$tmp"/ext/connector-ls.connector-ls-*/server/linux-x64/connector-ls)" ] ||
    { rm -rf "$tmp"; echo "the installed extension has no executable server/linux-x64/connector-ls"; exit 1; }
  echo "installed: the server is executable inside the installed extension"
  rm -rf "$tmp"
fi
echo "vscode: ok"
