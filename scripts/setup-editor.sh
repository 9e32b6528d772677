#!/usr/bin/env bash
# Prepares the real editor for the end-to-end suite (test/e2e): Debian's Chromium and code-server 4.100.3
# (VS Code 1.100, the newest code-server that runs on Node 20), installed OFFLINE-SAFE into a cache folder
# outside the repo. Idempotent: a marker written as the very last step means "complete"; without it the
# cache folder is wiped and rebuilt, so an interrupted setup is simply redone. Prints the cache path.
#
# Why not a plain `npm install code-server`: its postinstall refuses to run as root and @vscode/ripgrep
# downloads its binary from GitHub, which this machine cannot reach. So: install with --ignore-scripts,
# then do by hand what the postinstall would do, using Debian's rg and rebuilding the native modules.
set -euo pipefail

VERSION=4.100.3
CACHE="${PERF_LENS_EDITOR_CACHE:-$HOME/.cache/perf-lens/code-server-$VERSION}"
MARKER="$CACHE/.perf-lens-setup-complete"

log() { echo "setup-editor: $*" >&2; }

# --- Debian packages, only the missing ones ------------------------------------------------------
pkgs=(chromium ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev)
need=()
for p in "${pkgs[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then need+=("$p"); fi
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "please install: ${need[*]} (Debian/Ubuntu: sudo apt-get install ${need[*]})"
    exit 1
  fi
  log "installing ${need[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- code-server, cached ------------------------------------------------------------------------
if [ -f "$MARKER" ]; then
  echo "$CACHE"
  exit 0
fi

start=$(date +%s)
log "installing code-server $VERSION into $CACHE (takes a few minutes the first time)"
rm -rf "$CACHE"
mkdir -p "$CACHE"
cd "$CACHE"
# A package.json of its own keeps npm from walking up into some other project.
printf '{ "name": "perf-lens-editor-cache", "private": true }\n' > package.json
# npx-style prompts must not stall a script (npm here is configured with yes=false).
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

npm install --no-save --ignore-scripts --loglevel=error "code-server@$VERSION" >&2

VS="$CACHE/node_modules/code-server/lib/vscode"
cd "$VS"
npm install --omit=dev --ignore-scripts --loglevel=error >&2
# Debian's rg instead of the GitHub download @vscode/ripgrep's postinstall would do.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "rebuilding native modules"
npm rebuild --loglevel=error kerberos node-pty @parcel/watcher @vscode/spdlog @vscode/sqlite3 native-watchdog @vscode/deviceid >&2
# code-server's postinstall links node_modules.asar to node_modules; the server looks modules up there.
ln -sfn node_modules node_modules.asar

cd "$VS/extensions"
npm install --omit=dev --ignore-scripts --loglevel=error >&2

cd "$CACHE"
npm rebuild --loglevel=error argon2 >&2

# Sanity check before declaring the cache complete.
# (--config and the XDG folders keep code-server from writing a config with a password and logs into $HOME)
XDG_CONFIG_HOME="$CACHE/.xdg/config" XDG_DATA_HOME="$CACHE/.xdg/data" \
  node "$CACHE/node_modules/code-server/out/node/entry.js" --config "$CACHE/.xdg/config.yaml" --version >&2

touch "$MARKER"
log "done in $(( $(date +%s) - start )) s"
echo "$CACHE"
