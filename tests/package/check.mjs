// The package check of `cargo xtask test` (step "package"), run by xtask after it
// packed dist/ with `npm pack`, installed the tarball into a copy of
// tests/package/app/ and bundled that app with Vite:
//
//   PACKAGE_DIR        the installed package (app/node_modules/chronoscope)
//   PACKAGE_VITE_URL   the Vite build, served by the xtask server
//   PACKAGE_PLAIN_URL  the app folder itself (plain.html imports the package by path)
//
// It checks the installed files against package.json, then opens both pages in
// headless Chromium (the e2e harness, tests/e2e/browser.mjs) and waits for each
// to say "ok" in its title, with no page or console errors; last, it compares
// what the module exports at run time with what chronoscope.d.ts declares.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { launch, newPage, assertNoErrors } from '../e2e/browser.mjs';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: this script is run by \`cargo xtask test\` (step "package")`);
  return value.replace(/\/+$/, '');
}

const packageDir = env('PACKAGE_DIR');
const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

// Public members the loader has on purpose but the declarations leave out.
const UNDECLARED = new Set([
  'Chronoscope.wasmMemoryBytes', // a diagnostic for the project's own memory tests
]);

/**
 * What chronoscope.d.ts declares, read with the TypeScript compiler: the
 * module's value exports, the Chronoscope class's static and instance members
 * (not the private constructor) and the ChronoScopeElement interface's own
 * members (not the addEventListener overloads).
 */
function declared() {
  const file = path.join(packageDir, pkg.types);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = { exports: [], statics: [], members: [], element: [] };
  const isExported = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isStatic = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  const isPrivate = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  for (const node of source.statements) {
    if (ts.isClassDeclaration(node) && isExported(node)) {
      out.exports.push(node.name.text);
      if (node.name.text !== 'Chronoscope') continue;
      for (const member of node.members) {
        if (ts.isConstructorDeclaration(member) || isPrivate(member) || !member.name) continue;
        (isStatic(member) ? out.statics : out.members).push(member.name.text);
      }
    } else if (ts.isVariableStatement(node) && isExported(node)) {
      for (const d of node.declarationList.declarations) out.exports.push(d.name.text);
    } else if (ts.isInterfaceDeclaration(node) && node.name.text === 'ChronoScopeElement') {
      for (const member of node.members) {
        const name = member.name?.text;
        if (name && !/^(add|remove)EventListener$/.test(name)) out.element.push(name);
      }
    }
  }
  const tidy = (list) => [...new Set(list)].sort();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, tidy(v)]));
}
const viteUrl = env('PACKAGE_VITE_URL');
const plainUrl = env('PACKAGE_PLAIN_URL');

function filesUnder(dir, rel = '') {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? filesUnder(dir, r) : [r];
  });
}

test('the installed package has exactly the files package.json lists', () => {
  assert.equal(pkg.name, 'chronoscope');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.dependencies, undefined, 'the package must not have dependencies');
  const installed = filesUnder(packageDir).sort();
  assert.deepEqual(installed, ['package.json', ...pkg.files].sort());
  for (const target of [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.exports['.']),
    ...Object.values(pkg.exports).filter((v) => typeof v === 'string')]) {
    assert.ok(existsSync(path.join(packageDir, target)), `${target} (named in package.json) is missing`);
  }
});

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `url`, waits for the page to set its title away from "loading", returns the page. */
async function open(url) {
  const page = await newPage(browser, { width: 1000, height: 700 });
  page.wasm = [];
  page.failed = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) page.wasm.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] });
    if (r.status() >= 400) page.failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.title !== 'loading', null, { timeout: 30_000 });
  return page;
}

test('bundled by Vite: Chronoscope.create becomes ready', async () => {
  const page = await open(`${viteUrl}/`);
  try {
    assert.equal(await page.title(), 'ok', 'the page reported a failure');
    assert.deepEqual(page.failed, []);
    // The wasm came from Vite's emitted asset, not from node_modules.
    assert.equal(page.wasm.length, 1, JSON.stringify(page.wasm));
    assert.match(page.wasm[0].url, /\/assets\/[^/]+\.wasm$/);
    assert.equal(page.wasm[0].status, 200);
    assert.equal(page.wasm[0].type, 'application/wasm');
    assert.ok(await page.evaluate(() => document.querySelector('chrono-scope')?.timeline != null));
    assert.equal(await page.evaluate(() => window.chronoscopeVersion), pkg.version, 'Chronoscope.version');
    assertNoErrors(page);
  } finally {
    await page.context().close();
  }
});

test('plain <script type="module">: <chrono-scope> with inline JSON becomes ready', async () => {
  const page = await open(`${plainUrl}/plain.html`);
  try {
    assert.equal(await page.title(), 'ok', 'the page reported a failure');
    assert.deepEqual(page.failed, []);
    assert.deepEqual(page.wasm.map((w) => new URL(w.url).pathname), ['/node_modules/chronoscope/chronoscope_wasm_bg.wasm']);
    const window = await page.evaluate(() => document.querySelector('chrono-scope').timeline.getWindow());
    assert.ok(window.end > window.start, JSON.stringify(window));
    assertNoErrors(page);
  } finally {
    await page.context().close();
  }
});

test('the module has what chronoscope.d.ts declares, and no more', async () => {
  const types = declared();
  assert.ok(types.exports.includes('Chronoscope') && types.members.includes('setWindow'), JSON.stringify(types));
  const page = await open(`${plainUrl}/plain.html`);
  try {
    const runtime = await page.evaluate(() => {
      const mod = window.chronoscopeModule;
      const names = (o, skip) => Object.getOwnPropertyNames(o).filter((n) => !skip.includes(n)).sort();
      const element = customElements.get('chrono-scope').prototype;
      return {
        exports: Object.keys(mod).sort(),
        statics: names(mod.Chronoscope, ['length', 'name', 'prototype']),
        members: names(mod.Chronoscope.prototype, ['constructor']),
        element: names(element, ['constructor']),
      };
    });
    const undeclared = (kind, prefix) =>
      runtime[kind].filter((n) => !types[kind].includes(n) && !UNDECLARED.has(`${prefix}.${n}`));
    assert.deepEqual(runtime.exports, types.exports, 'module exports');
    for (const [kind, prefix] of [['statics', 'Chronoscope'], ['members', 'Chronoscope.prototype']]) {
      assert.deepEqual(types[kind].filter((n) => !runtime[kind].includes(n)), [], `declared ${kind} missing at run time`);
      assert.deepEqual(undeclared(kind, prefix), [], `${kind} at run time that chronoscope.d.ts does not declare`);
    }
    // The element's class adds the lifecycle callbacks, which pages never call.
    assert.deepEqual(types.element.filter((n) => !runtime.element.includes(n)), [], 'declared element members missing at run time');
    assertNoErrors(page);
  } finally {
    await page.context().close();
  }
});
