# Sourced by run.sh and dev.sh: a cached n8n on PATH, a quiet offline environment, and
# a user folder with a packed community package installed and credentials imported.
# shellcheck shell=bash

N8N_E2E_VERSION="${N8N_E2E_VERSION:-2.41.1}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# n8n_env: install (or reuse) n8n and put its Node/npm/n8n first on PATH.
n8n_env() {
  bash "$SCRIPT_DIR/install.sh" "$N8N_E2E_VERSION" >&2
  local root="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-user-provisioning}"
  export PATH="$root/n8n-$N8N_E2E_VERSION/bin:$PATH"
  # This machine's ~/.npmrc sets nodedir to Node 20's headers; never build against those.
  npm_config_nodedir="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
  export npm_config_nodedir

  export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
    N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false \
    N8N_HIRING_BANNER_ENABLED=false N8N_COMMUNITY_PACKAGES_ENABLED=true \
    N8N_REINSTALL_MISSING_PACKAGES=false DB_TYPE="${DB_TYPE:-sqlite}" N8N_SECURE_COOKIE=false \
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
  # A fixed key so an imported user folder can be reused; it only protects test data.
  export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-n8n-nodes-user-provisioning-e2e-key}"
  # Each n8n process starts a task broker (default port 5679); a free port lets runs
  # overlap with each other and with dev.sh.
  export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-$(free_port)}"
  # 1.x only: opt in to task runners as 2.x always does (silences a deprecation warning).
  [[ "$N8N_E2E_VERSION" == 1.* ]] && export N8N_RUNNERS_ENABLED=true
  return 0
}

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

pack_name() { tar -xzOf "$1" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0)).name'; }

# n8n_prepare_user_folder DIR TARBALL CREDENTIALS_JSON|- (sets N8N_USER_FOLDER=DIR)
# Installs TARBALL into DIR/.n8n/nodes (where n8n's community-packages module scans
# node_modules/n8n-nodes-* and @*/n8n-nodes-*) and imports the credentials.
# N8N_E2E_INSTALL_MODE=npm (default): what a self-hoster does, `npm install <tarball>`
#   in ~/.n8n/nodes; npm also installs peerDependencies (a second n8n-workflow).
# N8N_E2E_INSTALL_MODE=n8n: what Settings > Community nodes does in 2.x: unpack into
#   nodes/node_modules/<pkg>, drop dev/peer/optional deps, npm install the rest there.
n8n_prepare_user_folder() {
  local dir="$1" tarball credentials="$3"
  tarball="$(readlink -f "$2")"
  export N8N_USER_FOLDER="$dir"
  local nodes="$dir/.n8n/nodes"
  mkdir -p "$nodes"
  local pkg
  pkg="$(pack_name "$tarball")"
  cp "$tarball" "$nodes/"
  local tgz
  tgz="$nodes/$(basename "$tarball")"
  local flags=(--ignore-scripts --no-audit --no-fund --loglevel=error)
  rm -rf "$nodes/node_modules/$pkg" # a re-packed tarball of the same version must replace it
  case "${N8N_E2E_INSTALL_MODE:-npm}" in
    npm)
      [[ -f "$nodes/package.json" ]] || echo '{"name":"installed-nodes","private":true}' >"$nodes/package.json"
      (cd "$nodes" && npm install "${flags[@]}" "./$(basename "$tgz")") >&2 ;;
    n8n)
      local target="$nodes/node_modules/$pkg"
      mkdir -p "$target"
      tar -xzf "$tgz" -C "$target" --strip-components=1
      node -e '
        const f = process.argv[1], p = JSON.parse(require("fs").readFileSync(f));
        for (const k of ["devDependencies", "peerDependencies", "optionalDependencies"]) delete p[k];
        require("fs").writeFileSync(f, JSON.stringify(p, null, 2));' "$target/package.json"
      (cd "$target" && npm install "${flags[@]}" --bin-links=false --install-strategy=shallow --package-lock=false) >&2
      node -e '
        const [f, name, version] = process.argv.slice(1), fs = require("fs");
        const p = fs.existsSync(f) ? JSON.parse(fs.readFileSync(f)) : { name: "installed-nodes", private: true };
        p.dependencies = { ...p.dependencies, [name]: version };
        fs.writeFileSync(f, JSON.stringify(p, null, 2));' \
        "$nodes/package.json" "$pkg" "$(node -p "require('$target/package.json').version")" ;;
    *) echo "N8N_E2E_INSTALL_MODE must be npm or n8n" >&2; return 1 ;;
  esac
  # Queue-mode workers share the main's database: they need the package, not a second import.
  [[ "$credentials" == "-" ]] || n8n import:credentials --input="$(readlink -f "$credentials")" >&2
}
