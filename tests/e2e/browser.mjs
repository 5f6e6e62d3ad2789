// Shared harness for the end-to-end tests (node:test + playwright-core).
//
// The browser is Debian's Chromium (/usr/bin/chromium, installed by
// `cargo xtask test`); playwright-core never downloads one. The site is
// served by the xtask static server: `cargo xtask test` starts it on an
// ephemeral 127.0.0.1 port and passes its address in CHRONOSCOPE_URL. To run
// the tests by hand:
//
//   cargo xtask serve &            # http://127.0.0.1:8000
//   CHRONOSCOPE_URL=http://127.0.0.1:8000 node --test tests/e2e/
//
// (fixture pages under tests/e2e/site/ are only served by `cargo xtask test`).

import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach
// Google's services, which this machine's closed network refuses.
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** The site's origin, without a trailing slash ('' when CHRONOSCOPE_URL is unset). */
export const baseUrl = (process.env.CHRONOSCOPE_URL ?? '').replace(/\/+$/, '');

/** Absolute URL of a site path such as '/' or '/en.html'. */
export function url(path = '/') {
  if (!baseUrl) {
    throw new Error(
      'CHRONOSCOPE_URL is not set: run `cargo xtask test`, or start `cargo xtask serve` ' +
        'and set CHRONOSCOPE_URL=http://127.0.0.1:8000',
    );
  }
  return baseUrl + (path.startsWith('/') ? path : `/${path}`);
}

/** Launches headless Chromium. Close it with `await browser.close()`. */
export async function launch(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    ...options,
  });
}

/**
 * Opens a page in a fresh context (its own cookies and storage) with the given
 * viewport, device pixel ratio and `prefers-color-scheme`.
 *
 * The page records what went wrong while it ran:
 * - `page.consoleErrors`: text of every `console.error` message;
 * - `page.pageErrors`: every uncaught exception / unhandled rejection (Error).
 * `assertNoErrors(page)` fails with all of them listed.
 */
export async function newPage(
  browser,
  {
    width = 1280,
    height = 800,
    deviceScaleFactor = 1,
    colorScheme = 'light',
    reducedMotion = 'no-preference',
    hasTouch = false,
    isMobile = false,
  } = {},
) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor,
    colorScheme,
    reducedMotion,
    hasTouch,
    isMobile,
  });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.pageErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location();
      const at = where?.url ? ` (${where.url}:${where.lineNumber})` : '';
      page.consoleErrors.push(`${msg.text()}${at}`);
    }
  });
  page.on('pageerror', (error) => page.pageErrors.push(error));
  return page;
}

/** Throws if the page logged a console error or threw an uncaught error. */
export function assertNoErrors(page, { allowConsoleErrors = false } = {}) {
  const problems = [
    ...page.pageErrors.map((e) => `page error: ${e.stack ?? e}`),
    ...(allowConsoleErrors ? [] : page.consoleErrors.map((t) => `console error: ${t}`)),
  ];
  if (problems.length > 0) {
    throw new Error(`${problems.length} error(s) on ${page.url()}:\n${problems.join('\n')}`);
  }
}
