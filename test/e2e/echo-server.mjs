// Tiny loopback HTTP server for the e2e self-test: answers every request with JSON and
// appends what it received to a JSONL log. The Authorization header is never written:
// only whether it matched E2E_EXPECT_AUTH.
// Usage: E2E_EXPECT_AUTH='Bearer x' node echo-server.mjs <log.jsonl> <port-file>
import http from 'node:http';
import fs from 'node:fs';

const [logFile, portFile] = process.argv.slice(2);
const expected = process.env.E2E_EXPECT_AUTH;
let count = 0;

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const auth = req.headers.authorization;
    const record = {
      method: req.method,
      url: req.url,
      contentType: req.headers['content-type'],
      authPresent: auth !== undefined,
      authMatches: expected !== undefined && auth === expected,
      body: body ? JSON.parse(body) : null,
    };
    fs.appendFileSync(logFile, JSON.stringify(record) + '\n');
    res.writeHead(record.authMatches ? 201 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `user-${++count}`, received: record.body, authOk: record.authMatches }));
  });
});

server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
setTimeout(() => server.close(), 15 * 60 * 1000).unref(); // never outlive a test run
