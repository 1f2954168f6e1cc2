// Serves an HTML page at http://127.0.0.1:<page-port>/ (so its origin is that address, on loopback like a developer's
// own page server), and the ES modules under ./node_modules/ for pages that import a package (the OpenAI SDK), opens
// it in Debian's Chromium, and prints what the page logged to its console, as a JSON array, once it logged a line
// starting with "(done)" or "(failed)" (or after 20 s).
//   node browser-page.mjs <page-port> <page.html>
import { readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, sep } from 'node:path';
import { launchChromium } from './chromium.mjs';

const [port, htmlFile] = process.argv.slice(2);
const html = readFileSync(htmlFile, 'utf8');
const modules = realpathSync('node_modules');
const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://page').pathname;
  if (path.startsWith('/node_modules/')) {
    try {
      const file = realpathSync(join(modules, decodeURIComponent(path.slice('/node_modules/'.length))));
      if (!file.startsWith(modules + sep)) throw new Error('outside node_modules');
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404);
      response.end();
    }
    return;
  }

  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(html);
});
await new Promise((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const logged = [];
  const finished = new Promise((resolve) => {
    page.on('console', (message) => {
      if (message.type() !== 'log') return;
      logged.push(message.text());
      if (/^\((done|failed)\)/.test(message.text())) resolve();
    });
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  // unref: a pending timer would otherwise keep node running for the full 20 s after the page finished
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 20000).unref())]);
  console.log(JSON.stringify(logged));
} finally {
  await browser.close();
  server.close();
}
