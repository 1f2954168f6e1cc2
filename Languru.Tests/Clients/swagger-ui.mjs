// Drives Swagger UI at <gateway>/docs in Debian's Chromium: with a key, enters it under "Authorize" first; then expands
// POST /v1/chat/completions, clicks "Try it out" and "Execute" with the document's example, prints the rendered
// response body, and saves a screenshot.
//   node swagger-ui.mjs <gateway-base-url> <screenshot.png> [api-key]
import { launchChromium } from './chromium.mjs';

const [base, screenshot, key] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(new URL('docs', base).toString());
  if (key) {
    await page.locator('.auth-wrapper .btn.authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input').first().fill(key);
    await dialog.locator('.auth-btn-wrapper button.authorize').click();
    await dialog.locator('.auth-btn-wrapper button.btn-done').click();
  }
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
