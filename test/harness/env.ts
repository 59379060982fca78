// n8n-core writes an instance config (encryption key) into the user folder on first use.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-user-provisioning-'));
// Only encrypts n8n-core's own instance config in this scratch folder; no credential is stored.
process.env.N8N_ENCRYPTION_KEY ??= 'user-provisioning-test-engine';
