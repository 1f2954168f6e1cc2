// Serves an HTML page at http://127.0.0.1:<page-port>/ (so its origin is that address, on loopback like a developer's
// own page server), opens it in Debian's Chromium, and prints what the page logged to its console, as a JSON array,
// once it logged a line starting with "(done)" or "(failed)" (or after 20 s).
//   node browser-page.mjs <page-port> <page.html>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { launchChromium } from './chromium.mjs';

const [port, htmlFile] = process.argv.slice(2);
const html = readFileSync(htmlFile, 'utf8');
const server = createServer((request, response) => {
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
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 20000))]);
  console.log(JSON.stringify(logged));
} finally {
  await browser.close();
  server.close();
}
