#!/usr/bin/env bash
# n8n's editor for the browser test: the cached n8n (scripts/n8n/install.sh), a fresh user
# folder with the packed pack installed as a self-hoster does and the credentials imported,
# then `n8n start` in the foreground on N8N_PORT (never 5678 here: others use it).
# Usage: scripts/ui/serve.sh <package.tgz> <credentials.json> <user-folder>
set -euo pipefail

[[ $# -eq 3 ]] || { sed -n '2,5p' "$0" >&2; exit 2; }
TARBALL="$(readlink -f "$1")" CREDENTIALS="$(readlink -f "$2")"
mkdir -p "$3"
USER_FOLDER="$(readlink -f "$3")"
[[ -n "${N8N_PORT:-}" && "$N8N_PORT" != 5678 ]] || { echo "set N8N_PORT to a free port other than 5678" >&2; exit 2; }
# shellcheck source=scripts/n8n/common.sh
source "$(dirname "$0")/../n8n/common.sh"

n8n_env
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_LOG_OUTPUT=console N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
n8n_prepare_user_folder "$USER_FOLDER" "$TARBALL" "$CREDENTIALS"
exec n8n start
