// Live reload in a real browser, against `gongjiang serve` (started by tests/it/browser.rs).
//
//   node tests/browser/live-reload.mjs BASE_URL SITE_ROOT
//
// Edits files under SITE_ROOT the way an editor would and checks what the open tab does:
//   1. a Markdown edit reloads the page with the new text and keeps the scroll position;
//   2. a CSS-only edit swaps the stylesheet without reloading the page;
//   3. a broken file shows the error overlay naming the file; fixing it clears the overlay.
// Prints one line per step and exits non-zero on the first failure. Every wait is bounded.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [base, root] = process.argv.slice(2);
if (!base || !root) {
  console.error('usage: node live-reload.mjs BASE_URL SITE_ROOT');
  process.exit(2);
}
const WAIT = { timeout: 10_000 };
const alpha = path.join(root, 'content/alpha.md');
const css = path.join(root, 'static/css/site.css');
const original = fs.readFileSync(alpha, 'utf8');

const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
};

const browser = await chromium.launch({
  executablePath: process.env.GONGJIANG_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const watchdog = setTimeout(() => { console.error('FAIL: timed out'); process.exit(1); }, 90_000);
try {
  const page = await browser.newPage({ viewport: { width: 375, height: 600 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Chromium asks for /favicon.ico by itself; the small fixture site has none, so its 404 and
  // the console line about it are expected. Every other failed response is an error.
  const isFavicon = (url) => new URL(url).pathname === '/favicon.ico';
  page.on('console', (m) => {
    if (m.type() === 'error' && !isFavicon(m.location().url || base)) errors.push(m.text());
  });
  page.on('response', (r) => { if (r.status() >= 400 && !isFavicon(r.url())) errors.push(`${r.status()} ${r.url()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base)) errors.push(`request to another host: ${r.url()}`); });

  await page.goto(`${base}alpha/`, { waitUntil: 'load' });
  // The reload script connects its event stream after load; give it a moment.
  await page.waitForTimeout(700);

  // 1. A Markdown edit: new text, same scroll position.
  await page.evaluate(() => window.scrollTo(0, 900));
  const before = await page.evaluate(() => window.scrollY);
  if (before < 800) fail(`the fixture page is too short to scroll (scrollY ${before})`);
  fs.writeFileSync(alpha, original.replace('ALPHA-BODY', 'ALPHA-EDITED'));
  await page.waitForFunction(() => document.body.innerText.includes('ALPHA-EDITED'), null, WAIT);
  await page.waitForTimeout(200);
  const after = await page.evaluate(() => window.scrollY);
  if (Math.abs(after - before) > 40) fail(`scroll position lost on reload: ${before} -> ${after}`);
  console.log(`ok: content edit reloaded, scroll kept (${before} -> ${after})`);

  // 2. A CSS-only edit: the stylesheet is swapped, the page is not reloaded.
  await page.evaluate(() => { window.__notReloaded = true; });
  const href = await page.getAttribute('link[rel="stylesheet"]', 'href');
  fs.appendFileSync(css, '\nbody { background-color: rgb(1, 2, 3); }\n');
  await page.waitForFunction(
    (old) => document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') !== old, href, WAIT);
  await page.waitForFunction(
    () => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)', null, WAIT);
  if (!(await page.evaluate(() => window.__notReloaded === true))) fail('a CSS edit reloaded the page');
  console.log('ok: CSS edit swapped the stylesheet without a reload');

  // 3. A broken file: the overlay names it; fixing the file clears it.
  fs.writeFileSync(alpha, '---\ntitle: [never closed\n---\nbroken\n');
  await page.waitForSelector('#gongjiang-error', WAIT);
  const overlay = await page.textContent('#gongjiang-error');
  if (!overlay.includes('content/alpha.md')) fail(`the overlay does not name the file: ${overlay}`);
  console.log('ok: broken file shows the overlay');
  fs.writeFileSync(alpha, original.replace('ALPHA-BODY', 'ALPHA-FIXED'));
  await page.waitForFunction(
    () => document.body.innerText.includes('ALPHA-FIXED') && !document.getElementById('gongjiang-error'),
    null, WAIT);
  console.log('ok: fixed file clears the overlay and reloads');

  if (errors.length) fail(`browser errors: ${errors.join(' | ')}`);
} catch (e) {
  if (!process.exitCode) console.error(`FAIL: ${e.message}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await browser.close();
}
