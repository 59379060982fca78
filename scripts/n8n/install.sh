#!/usr/bin/env bash
# Install a real n8n (and the Node.js it needs) into a cache folder, from the npm registry only.
# Usage: scripts/n8n/install.sh [n8n-version]      (default 2.41.1; 2.41.3 does not install)
# Idempotent: a finished install leaves a .complete marker and a second run returns at once.
# Env: N8N_E2E_CACHE (cache root), N8N_E2E_NODE_VERSION (override the Node.js version).
set -euo pipefail

VERSION="${1:-2.41.1}"
ROOT="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-user-provisioning}"
DIR="$ROOT/n8n-$VERSION"
MARKER="$DIR/.complete"

# Parallel callers (e.g. two run.sh on a fresh machine) wait for one install.
mkdir -p "$ROOT"
exec 9>"$ROOT/.lock-$VERSION"
flock 9

if [[ -f "$MARKER" ]]; then
  echo "n8n $VERSION already installed (cached):"
  cat "$MARKER"
  exit 0
fi

# n8n 2.x requires Node >=24; 1.x allows ">=20.19 <=24.x" and shipped on Node 22.
case "$VERSION" in
  1.*) NODE_VERSION="${N8N_E2E_NODE_VERSION:-22.23.3}" ;;
  *)   NODE_VERSION="${N8N_E2E_NODE_VERSION:-24.21.0}" ;;
esac
NPM_VERSION=11.19.1

# node@N's preinstall only installs this platform package; installing it directly
# needs no install script. It ships bin/node and include/node (headers for node-gyp).
PLATFORM="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
NODE_PKG="node-$PLATFORM"

start=$SECONDS
rm -rf "$DIR"
mkdir -p "$DIR/node" "$DIR/app" "$DIR/bin"
echo "==> Node.js $NODE_VERSION ($NODE_PKG) and npm $NPM_VERSION into $DIR/node"
(cd "$DIR/node" && echo '{"name":"n8n-e2e-node","private":true}' > package.json \
  && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "$NODE_PKG@$NODE_VERSION" "npm@$NPM_VERSION")
ln -sf "$DIR/node/node_modules/$NODE_PKG/bin/node" "$DIR/bin/node"
ln -sf "$DIR/node/node_modules/npm/bin/npm-cli.js" "$DIR/bin/npm"
NODEDIR="$DIR/node/node_modules/$NODE_PKG"

# Everything below runs on the cached Node (npm-cli.js is '#!/usr/bin/env node'),
# so engines checks and node-gyp see the right version. npm_config_nodedir overrides
# any user-level nodedir (this machine's ~/.npmrc points it at Node 20's headers).
export PATH="$DIR/bin:$PATH"
export npm_config_nodedir="$NODEDIR"
[[ "$(node --version)" == "v$NODE_VERSION" ]] || { echo "wrong node on PATH: $(command -v node)"; exit 1; }

# n8n 1.x's n8n-nodes-base takes xlsx from cdn.sheetjs.com, which only the npm registry
# can stand in for here: @e965/xlsx republishes the same SheetJS release (2.x uses it too).
APP_JSON='{"name":"n8n-e2e-app","private":true}'
[[ "$VERSION" == 1.* ]] && APP_JSON='{"name":"n8n-e2e-app","private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}'

echo "==> n8n@$VERSION into $DIR/app (install scripts ignored: some download binaries)"
(cd "$DIR/app" && echo "$APP_JSON" > package.json \
  && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$VERSION")
t_install=$((SECONDS - start))

echo "==> rebuilding sqlite3 from source against $NODEDIR/include"
(cd "$DIR/app" && npm rebuild sqlite3 --ignore-scripts=false --build-from-source \
  --nodedir="$NODEDIR" --loglevel=error)
t_total=$((SECONDS - start))

ln -sf "$DIR/app/node_modules/n8n/bin/n8n" "$DIR/bin/n8n"
node -e "require('$DIR/app/node_modules/sqlite3')" # fails loudly if the binding is wrong
N8N_REPORTED="$(N8N_USER_FOLDER="$DIR/tmp-user" n8n --version)" && rm -rf "$DIR/tmp-user"

cat > "$MARKER" <<EOF
n8n_version=$N8N_REPORTED
node_version=$(node --version)
npm_version=$(npm --version)
bin=$DIR/bin
n8n=$DIR/bin/n8n
node=$DIR/bin/node
nodedir=$NODEDIR
seconds_install=$t_install
seconds_total=$t_total
EOF
echo "==> done in ${t_total}s (npm install ${t_install}s); disk: $(du -sh "$DIR" | cut -f1)"
echo "    use: PATH=\"$DIR/bin:\$PATH\" n8n --version"
cat "$MARKER"
