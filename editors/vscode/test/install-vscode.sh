#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end test: code-server 4.100.3 (= VS Code 1.100.3, the last
# release that runs on Node 20) from the npm registry, plus Debian's Chromium and playwright-core to
# drive it headless. Nothing is downloaded outside the package registries: code-server's own
# postinstall would fetch ripgrep from GitHub, so its steps are done here by hand with Debian's rg.
# Idempotent; ~5 minutes on 2 cores the first time.
#   usage: install-vscode.sh DIR
set -euo pipefail
DIR="${1:?usage: install-vscode.sh DIR}"
CODE_SERVER_VERSION=4.100.3
mkdir -p "$DIR" && cd "$DIR" && DIR="$(pwd)"
# Two checkouts on one machine share DIR: one installs at a time (concurrent node-gyp builds in the
# same tree delete each other's objects), the second then finds it installed.
exec 9>"$DIR/.install.lock"
flock 9
need_apt=0
for b in chromium rg c++ make; do command -v "$b" >/dev/null || need_apt=1; done
# The headers code-server's native modules build against (kerberos, native-keymap, keytar): chromium
# and rg may already be installed by editors/ci.sh while these are not.
for h in gssapi/gssapi.h X11/Xlib.h X11/extensions/XKBfile.h libsecret-1/libsecret/secret.h; do
  [ -e "/usr/include/$h" ] || need_apt=1
done
if [ "$need_apt" = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev \
    libsecret-1-dev ripgrep chromium >/dev/null
fi
if [ -x node_modules/.bin/code-server ] && node_modules/.bin/code-server --version >/dev/null 2>&1 \
   && [ -d node_modules/playwright-core ] && [ -f .installed-$CODE_SERVER_VERSION ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $DIR"; exit 0
fi
export npm_config_yes=true
[ -f package.json ] || echo '{"name":"connector-ls-vscode-e2e","private":true}' > package.json
npm install --ignore-scripts --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" playwright-core >/dev/null
VS="$DIR/node_modules/code-server/lib/vscode"
(
  cd "$VS"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # One at a time: parallel node-gyp builds of these (sharing node-addon-api) break each other.
  for m in kerberos @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog node-pty; do
    npm rebuild "$m" >/dev/null
  done
  ln -sfn node_modules node_modules.asar
  ( cd bin/remote-cli && ln -sfn code-linux.sh code-server )
  ( cd bin/helpers && ln -sfn browser-linux.sh browser.sh )
  ( cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null )
)
npm rebuild argon2 >/dev/null
node_modules/.bin/code-server --version
touch ".installed-$CODE_SERVER_VERSION"
