// Runs a seed example unmodified against a gateway on another address: the examples hard-code
// http://localhost:8000, so only fetch's URL is rewritten; the example's own code is untouched.
//   node run-seed.js <base-url> <example.js>
const path = require('path');
const [base, example] = process.argv.slice(2);
const realFetch = globalThis.fetch;
globalThis.fetch = (url, init) => realFetch(String(url).replace('http://localhost:8000', base.replace(/\/$/, '')), init);
process.on('unhandledRejection', (e) => { console.error(e); process.exit(1); });
require(path.resolve(example));
