// Smoke test: the demo page loads, has a <chrono-scope>, and the element gets
// defined (the wasm module loaded and registered it) without a page error.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url } from './browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('demo page defines <chrono-scope> without page errors', async () => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  const response = await page.goto(url('/'), { waitUntil: 'load' });
  assert.ok(response, 'navigation produced a response');
  assert.equal(response.status(), 200, `GET / answered ${response.status()}`);

  const elements = await page.locator('chrono-scope').count();
  assert.ok(elements >= 1, 'the page has a <chrono-scope> element');

  try {
    await page.waitForFunction(() => customElements.get('chrono-scope') !== undefined, null, {
      timeout: 20_000,
    });
  } catch (error) {
    const seen = [...page.pageErrors.map(String), ...page.consoleErrors].join('\n');
    assert.fail(`customElements.get('chrono-scope') stayed undefined (${error.message})\n${seen}`);
  }

  assert.deepEqual(
    page.pageErrors.map((e) => e.stack ?? String(e)),
    [],
    'no uncaught error on the page',
  );
});
