#!/usr/bin/env bash
# Proves scripts/n8n/run.sh end to end with a throwaway package (test/e2e/probe-package):
# packs it in a temp folder, starts a loopback echo server, runs Manual Trigger -> E2E Probe
# in the real n8n, and checks that the server got the POST with the credential's auth header
# and that n8n's output holds the server's answer.
# Usage: test/e2e/selftest.sh            Env: N8N_E2E_VERSION, N8N_E2E_INSTALL_MODE (see run.sh)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/n8n-e2e-selftest.XXXXXX")"
SERVER_PID=""
trap '[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; true' EXIT

cp -r "$HERE/probe-package" "$WORK/pkg"
TARBALL="$WORK/$(cd "$WORK/pkg" && npm pack --silent --pack-destination "$WORK" 2>/dev/null | tail -1)"

# A random token, never printed; the server only records whether it matched.
API_KEY="probe-$(node -p 'require("crypto").randomBytes(12).toString("hex")')"
E2E_EXPECT_AUTH="Bearer $API_KEY" node "$HERE/echo-server.mjs" "$WORK/requests.jsonl" "$WORK/port" &
SERVER_PID=$!
for _ in $(seq 50); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
PORT="$(cat "$WORK/port")"

cat >"$WORK/credentials.json" <<EOF
[{ "id": "e2eProbeCred01", "name": "E2E probe credential", "type": "e2eProbeApi",
   "data": { "baseUrl": "http://127.0.0.1:$PORT", "apiKey": "$API_KEY" } }]
EOF
cat >"$WORK/workflow.json" <<'EOF'
{
  "id": "e2eProbeWorkflow1",
  "name": "E2E probe",
  "nodes": [
    { "id": "6f0c1a52-0000-4000-8000-000000000001", "name": "Start", "type": "n8n-nodes-base.manualTrigger",
      "typeVersion": 1, "position": [0, 0], "parameters": {} },
    { "id": "6f0c1a52-0000-4000-8000-000000000002", "name": "Probe", "type": "n8n-nodes-e2e-probe.e2eProbe",
      "typeVersion": 1, "position": [220, 0],
      "parameters": { "email": "={{ 'ada' + '@example.com' }}" },
      "credentials": { "e2eProbeApi": { "id": "e2eProbeCred01", "name": "E2E probe credential" } } }
  ],
  "connections": { "Start": { "main": [[{ "node": "Probe", "type": "main", "index": 0 }]] } },
  "settings": {}
}
EOF

N8N_E2E_OUT="$WORK/run" bash "$REPO/scripts/n8n/run.sh" "$TARBALL" "$WORK/credentials.json" "$WORK/workflow.json"

node -e '
  const fs = require("fs"), [reqs, out] = process.argv.slice(1);
  const got = fs.readFileSync(reqs, "utf8").trim().split("\n").map(JSON.parse);
  const result = JSON.parse(fs.readFileSync(out, "utf8"));
  const item = result.data.resultData.runData.Probe[0].data.main[0][0].json;
  const checks = {
    "server got one POST /users": got.length === 1 && got[0].method === "POST" && got[0].url === "/users",
    "auth header from the credential matched": got[0].authMatches === true,
    "expression resolved in the body": got[0].body?.email === "ada@example.com",
    "n8n output holds the server answer": item.id === "user-1" && item.authOk === true,
    "execution status success": result.status === "success",
  };
  let failed = 0;
  for (const [name, ok] of Object.entries(checks)) { console.log(`${ok ? "ok  " : "FAIL"} ${name}`); failed += !ok; }
  console.log(`${Object.keys(checks).length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
' "$WORK/requests.jsonl" "$WORK/run/output.json"
echo "artifacts: $WORK"
