#!/usr/bin/env node
// Soak probe (node, no deps): keeps STREAMS streaming chat requests open against a gateway for DURATION_S seconds,
// each worker starting a new stream as soon as its last one ended, and counts every stream that did not end with
// `data: [DONE]` (must be 0). Samples the gateway's RSS (GW_PID, from /proc) every SAMPLE_S seconds.
//   URL=http://127.0.0.1:18090/v1/chat/completions BODY=bench/languru/body-slow.json STREAMS=1000 DURATION_S=600 GW_PID=… node bench/soak.js
// Prints one RSS line per sample and a last line:
//   SOAK streams=… done=… not_done=… http_errors=… error_events=… p50_ms=… p99_ms=… rss_mb_first=… rss_mb_max=… rss_mb_last=…
const http = require('http');
const fs = require('fs');
const env = (k, d) => process.env[k] ?? d;
const url = new URL(env('URL', 'http://127.0.0.1:18090/v1/chat/completions'));
const body = fs.readFileSync(env('BODY', 'bench/languru/body-slow.json'));
const STREAMS = Number(env('STREAMS', 1000)), DURATION = Number(env('DURATION_S', 600)) * 1000;
const SAMPLE = Number(env('SAMPLE_S', 10)) * 1000, PID = env('GW_PID', '');
const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS });
const counts = { streams: 0, done: 0, not_done: 0, http_errors: 0, error_events: 0 };
const times = [];
const rss = [];
const firstFailures = [];

function sampleRss() {
  if (!PID) return;
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${PID}/status`, 'utf8'))[1]);
    rss.push(kb / 1024);
    console.log(`RSS t=${Math.round((Date.now() - start) / 1000)}s rss_mb=${(kb / 1024).toFixed(1)} streams=${counts.streams} not_done=${counts.not_done}`);
  } catch { /* the gateway is gone: the streams will say so */ }
}

function once() {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => finish(res.statusCode, text));
      res.on('error', () => finish(res.statusCode, text));
    });
    req.on('error', (e) => finish(0, String(e)));
    req.end(body);
    let finished = false;
    function finish(status, text) {
      if (finished) return;
      finished = true;
      counts.streams++;
      times.push(Date.now() - t0);
      if (status !== 200) counts.http_errors++;
      if (text.includes('data: {"error"')) counts.error_events++;
      if (status === 200 && text.endsWith('data: [DONE]\n\n')) counts.done++;
      else {
        counts.not_done++;
        if (firstFailures.length < 5) firstFailures.push(`${status} ${text.slice(-300)}`);
      }
      resolve();
    }
  });
}

const start = Date.now();
async function worker() {
  while (Date.now() - start < DURATION) await once();
}

sampleRss();
const timer = setInterval(sampleRss, SAMPLE);
Promise.all(Array.from({ length: STREAMS }, worker)).then(() => {
  clearInterval(timer);
  sampleRss();
  times.sort((a, b) => a - b);
  const q = (p) => times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : 0;
  for (const f of firstFailures) console.log(`FAILED ${f}`);
  const mb = (v) => (v ?? 0).toFixed(1);
  console.log(`SOAK streams=${counts.streams} done=${counts.done} not_done=${counts.not_done} http_errors=${counts.http_errors} ` +
    `error_events=${counts.error_events} p50_ms=${q(0.5)} p99_ms=${q(0.99)} concurrency=${STREAMS} duration_s=${DURATION / 1000} ` +
    `rss_mb_first=${mb(rss[0])} rss_mb_max=${mb(rss.length ? Math.max(...rss) : 0)} rss_mb_last=${mb(rss[rss.length - 1])}`);
  process.exit(counts.not_done === 0 && counts.streams > 0 ? 0 : 1);
});
