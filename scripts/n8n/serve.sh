#!/usr/bin/env bash
# Run one long-lived n8n process (`n8n start`, `n8n worker`) with a packed community package
# installed, as a self-hoster runs production: published workflows answer at /webhook/<path>.
# Usage: scripts/n8n/serve.sh <user-folder> <package.tgz> <credentials.json|-> <workflows-dir|-> <n8n command> [args]
#   credentials.json: imported before start (`-`: none, e.g. a queue-mode worker sharing the main's database)
#   workflows-dir:    every *.json in it is imported and published before start (`-`: none)
# Env: N8N_E2E_VERSION (default 2.41.1), N8N_PORT, DB_* and QUEUE_* as n8n reads them; the log goes
#      to stdout (N8N_LOG_LEVEL, default info). The n8n process replaces this shell (exec), so a
#      signal sent to this script's pid reaches n8n itself.
set -euo pipefail

[[ $# -ge 5 ]] || { sed -n '2,10p' "$0" >&2; exit 2; }
USER_FOLDER="$1" TARBALL="$(readlink -f "$2")" CREDENTIALS="$3" WORKFLOWS="$4"
shift 4
# shellcheck source=scripts/n8n/common.sh
source "$(dirname "$0")/common.sh"

n8n_env
export N8N_LOG_OUTPUT=console N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}" N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
mkdir -p "$USER_FOLDER"
n8n_prepare_user_folder "$(readlink -f "$USER_FOLDER")" "$TARBALL" "$CREDENTIALS"

if [[ "$WORKFLOWS" != "-" ]]; then
  n8n import:workflow --separate --input="$(readlink -f "$WORKFLOWS")" >&2
  # 2.x replaced `update:workflow --active` with publishing a version; one call per workflow.
  # (Queue mode's `import:workflow --activeState=fromJson` refuses before an owner exists:
  # "User attempted to activate a workflow without permissions".)
  for file in "$WORKFLOWS"/*.json; do
    n8n publish:workflow --id="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1])).id' "$file")" >&2
  done
fi

echo "serve.sh: exec n8n $*" >&2
exec n8n "$@"
