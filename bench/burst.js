#!/usr/bin/env node
// Burst probe (node, no deps): N POSTs sent at once (C connections), then one line with what came back.
//   node bench/burst.js URL -n 150 -c 150 --body bench/languru/body-slow.json [--key sk-…]
// Prints: RESULT sent=… ok=… refused=… other=… requested=… limit=…   (requested/limit: from the first 429's message,
// e.g. "limit 1000, remaining 79, requested 307", so a caller can say how many requests should have fitted).
const http = require('http');
const fs = require('fs');
const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : d; };
const url = new URL(args[0]);
const n = Number(opt('-n', 100)), c = Number(opt('-c', n));
const body = fs.readFileSync(opt('--body', 'bench/body.json'));
const key = opt('--key', 'sk-bench');
const agent = new http.Agent({ keepAlive: true, maxSockets: c });

function post() {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${key}` },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', () => resolve({ status: 0, text }));
    });
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(body);
  });
}

(async () => {
  const results = await Promise.all(Array.from({ length: n }, post));
  agent.destroy();
  const count = (f) => results.filter(f).length;
  const ok = count((r) => r.status === 200), refused = count((r) => r.status === 429);
  const first429 = results.find((r) => r.status === 429);
  const m = first429 && /limit (\d+), remaining \d+, requested (\d+)/.exec(first429.text);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] || 0) + 1;
  console.log(`RESULT sent=${n} ok=${ok} refused=${refused} other=${n - ok - refused} requested=${m ? m[2] : '-'}`
    + ` limit=${m ? m[1] : '-'} statuses=${Object.entries(statuses).map(([s, k]) => `${s}:${k}`).join(',')}`);
})();
