#!/usr/bin/env bash
# Start the n8n editor with a packed community package installed and credentials (and
# optionally a workflow) imported, for clicking through by hand. Runs in the foreground.
# Usage: scripts/n8n/dev.sh <package.tgz> <credentials.json> [workflow.json]
# Env: N8N_E2E_VERSION (default 2.41.1), N8N_PORT (default 5678),
#      N8N_E2E_DEV_DIR (user folder, default <cache>/dev-<version>; kept between runs:
#      the package is reinstalled and the imports are upserted by id on every start).
# First visit: n8n asks to set up an owner account; imported items then belong to it.
set -euo pipefail

[[ $# -ge 2 && $# -le 3 ]] || { sed -n '2,8p' "$0" >&2; exit 2; }
TARBALL="$(readlink -f "$1")" CREDENTIALS="$(readlink -f "$2")" WORKFLOW="${3:+$(readlink -f "$3")}"
# shellcheck source=scripts/n8n/common.sh
source "$(dirname "$0")/common.sh"

n8n_env
DEV_DIR="${N8N_E2E_DEV_DIR:-${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-user-provisioning}/dev-$N8N_E2E_VERSION}"
mkdir -p "$DEV_DIR"
export N8N_LOG_OUTPUT=console N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
export N8N_PORT="${N8N_PORT:-5678}" N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"

n8n_prepare_user_folder "$(readlink -f "$DEV_DIR")" "$TARBALL" "$CREDENTIALS"
[[ -z "$WORKFLOW" ]] || n8n import:workflow --input="$WORKFLOW"

echo "n8n $(n8n --version) editor: http://127.0.0.1:$N8N_PORT  (user folder: $N8N_USER_FOLDER)"
exec n8n start
