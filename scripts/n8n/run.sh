#!/usr/bin/env bash
# Run one workflow in the real n8n app, headless, with a packed community package installed.
# Usage: scripts/n8n/run.sh <package.tgz> <credentials.json> <workflow.json>
#   credentials.json: array of {id, name, type, data:{...plain values...}} (n8n encrypts on import)
#   workflow.json:    {id?, name, nodes, connections, settings?}; a Manual Trigger is the start node
# Env: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_OUT (output folder, default a new temp folder),
#      N8N_E2E_INSTALL_MODE (npm|n8n, see common.sh), N8N_LOG_LEVEL (default debug).
# Writes to $N8N_E2E_OUT: output.json (n8n's execution JSON), nodes.json (the package's loaded
# node types), n8n.log (n8n's own log) and user-folder/. Exit code: non-zero if the run failed.
set -euo pipefail

[[ $# -eq 3 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
TARBALL="$(readlink -f "$1")" CREDENTIALS="$(readlink -f "$2")" WORKFLOW="$(readlink -f "$3")"
# shellcheck source=scripts/n8n/common.sh
source "$(dirname "$0")/common.sh"

OUT="${N8N_E2E_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/n8n-e2e-run.XXXXXX")}"
mkdir -p "$OUT"
OUT="$(readlink -f "$OUT")"
rm -rf "$OUT/user-folder" "$OUT/n8n.log"

n8n_env
# execute prints its result through n8n's logger: keep the log in a file (JSON lines) and
# take the result from there, so stdout is never a mix of log lines and result.
export N8N_LOG_OUTPUT=file N8N_LOG_FILE_LOCATION="$OUT/n8n.log" N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-debug}"

echo "n8n version: $(n8n --version) (node $(node --version))"
PKG="$(pack_name "$TARBALL")"
n8n_prepare_user_folder "$OUT/user-folder" "$TARBALL" "$CREDENTIALS"
echo "installed $PKG into $N8N_USER_FOLDER/.n8n/nodes (mode ${N8N_E2E_INSTALL_MODE:-npm})"

# The workflow needs an id for `execute --id`; give it one if it has none.
WF_ID="$(node -e '
  const fs = require("fs"), [src, dst] = process.argv.slice(1), wf = JSON.parse(fs.readFileSync(src));
  if (Array.isArray(wf)) throw new Error("workflow.json must hold one workflow object");
  wf.id ??= "e2e" + Date.now().toString(36).padStart(13, "0");
  fs.writeFileSync(dst, JSON.stringify(wf, null, 2));
  console.log(wf.id);' "$WORKFLOW" "$OUT/workflow.json")"
n8n import:workflow --input="$OUT/workflow.json" >&2

# Evidence that n8n itself loaded the package: its node types as n8n lists them.
n8n export:nodes --output="$OUT/all-nodes.json" >/dev/null 2>&1 || true
if [[ -s "$OUT/all-nodes.json" ]]; then
  node -e '
    const [all, pkg, dst] = process.argv.slice(1), nodes = require(all).filter((n) => n.name.startsWith(pkg + "."));
    require("fs").writeFileSync(dst, JSON.stringify(nodes.map(({ name, version, credentials }) => ({ name, version, credentials })), null, 2));
    for (const n of nodes) console.log(`loaded node type: ${n.name} v${n.version}`);' \
    "$OUT/all-nodes.json" "$PKG" "$OUT/nodes.json"
  rm -f "$OUT/all-nodes.json"
fi
grep -h "Loaded all credentials and nodes from $PKG" "$OUT/n8n.log" | tail -1 || echo "warning: no load line for $PKG in n8n.log"

rc=0
n8n execute --id="$WF_ID" --rawOutput >"$OUT/execute.stdout" 2>"$OUT/execute.stderr" || rc=$?

# The last log entry whose message is an execution (success or failure) is the result.
node -e '
  const fs = require("fs"), [log, stdout, dst] = process.argv.slice(1);
  let result;
  for (const line of fs.readFileSync(log, "utf8").split("\n")) {
    try { const m = JSON.parse(JSON.parse(line).message); if (m?.data?.resultData) result = m; } catch {}
  }
  try { result ??= JSON.parse(fs.readFileSync(stdout, "utf8")); } catch {} // if a version prints it
  if (!result) { console.error("no execution result in n8n.log"); process.exit(1); }
  fs.writeFileSync(dst, JSON.stringify(result, null, 2));
  const { runData = {}, error } = result.data.resultData;
  console.log(`execution status: ${result.status}` + (error ? ` (error: ${error.message})` : ""));
  for (const [node, runs] of Object.entries(runData))
    for (const r of runs) console.log(`  node ${node}: ${r.executionStatus}, ${(r.data?.main?.[0] ?? []).length} item(s)` + (r.error ? `, error: ${r.error.message}` : ""));
' "$OUT/n8n.log" "$OUT/execute.stdout" "$OUT/output.json" || { [[ $rc -ne 0 ]] || rc=1; }

(( rc < 128 )) || echo "n8n execute died from signal $((rc - 128)) (seen once with 1.x at shutdown, after the result)"
echo "output: $OUT/output.json   log: $OUT/n8n.log"
exit "$rc"
