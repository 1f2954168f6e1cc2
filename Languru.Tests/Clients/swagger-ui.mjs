// Drives Swagger UI at <gateway>/docs in Debian's Chromium: expands POST /v1/chat/completions, clicks
// "Try it out" and "Execute" with the document's example, prints the rendered response body, and saves a screenshot.
//   node swagger-ui.mjs <gateway-base-url> <screenshot.png>
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  // As root, without a sandbox; and no background traffic: this machine's network is closed.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(new URL('docs', base).toString());
  const operation = page.locator('#operations-ChatCompletions-CreateChatCompletion');
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const body = operation.locator('.live-responses-table .response-col_description pre').first();
  await body.waitFor({ timeout: 20000 });
  const status = await operation.locator('.live-responses-table .response .response-col_status').first().innerText();
  await body.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot }); // the viewport, scrolled to the rendered response
  console.log(JSON.stringify({ status: status.trim(), body: await body.innerText() }));
} finally {
  await browser.close();
}
