// The search box of the built microsite in a real browser (Debian's Chromium via playwright-core).
// Run by tests/it/browser.rs against the site served by a private nginx on 127.0.0.1:
//
//   node tests/browser/search.mjs BASE_URL [QUERIES.json]
//
// QUERIES.json, when given, replaces the table below (same shape: an array of
// [query, expected first page or null, what it stands for, [other pages]]).
//
// Checks, on the home page at 375×812:
//   - nothing under pagefind/ is requested before the box is used; the box is visible;
//   - "/" focuses the box;
//   - for every query of QUERIES, typed key by key: the live region says how many results
//     (or 没有找到结果), the first result links to the expected page (at a heading anchor or the
//     page), and its snippet has a <mark>;
//   - with an input method, nothing is searched while pinyin is composed, and the committed
//     word is;
//   - ArrowDown then Enter opens the first result at its URL (with the heading's #anchor);
//   - Escape closes the results;
//   - with results open, axe-core finds no serious or critical violation, light and dark;
//   - no console error, no failed request, no request to another host.
// Prints one line per check and a JSON summary; exits 0 when all pass, 1 on a failure, 2 on a
// start-up error, 3 on the time limit.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));

const TOTAL_LIMIT_MS = 3 * 60 * 1000;
const WAIT_MS = 15_000;
const CHROMIUM = process.env.GONGJIANG_CHROMIUM || '/usr/bin/chromium';

// [query, expected first page (path below the base; null: no result), what the query stands
// for, other pages that must be among the results]
const DEFAULT_QUERIES = [
  ['工匠', 'competitions/', 'a Chinese word (劳模工匠服务队 leads; 南粤工匠 follows)', ['skills/']],
  ['职工书屋', 'ideology/', 'a Chinese phrase ICU splits as 职工|书|屋'],
  ['集体合同', 'rights/', 'a Chinese phrase'],
  ['工匠学院', 'skills/', 'a Chinese phrase'],
  ['欠薪', 'rights/', 'a word inside 欠薪维权绿色通道'],
  ['珠海', 'skills/', 'a place'],
  ['1043', 'ideology/', 'a number as the report writes it'],
  ['1.5万', 'ideology/', 'a number in 万 as the reader types it (1.5万余家)'],
  ['36.8万', 'rights/', 'another number in 万'],
  ['3+4', 'skills/', 'digits and a sign (中职本科“3+4”贯通培养)'],
  ['劳模工匠服务队', 'competitions/', 'a heading'],
  ['产教融合 试点', 'skills/', 'two words'],
  ['地方性法规', 'coordination/', 'a phrase on the coordination page'],
  ['熊猫咖啡', null, 'no result (none of its characters is on the site)'],
  ['xylophone', null, 'an English word (the site has none: the report is all Chinese)'],
];

const [baseArg, queriesArg] = process.argv.slice(2);
const QUERIES = queriesArg ? JSON.parse(readFileSync(queriesArg, 'utf8')) : DEFAULT_QUERIES;
if (!baseArg) {
  console.error('usage: node search.mjs BASE_URL');
  process.exit(2);
}
const base = new URL(baseArg);
const summary = { base: base.href, checks: [], failures: [], requests: [], foreign: [] };

function fail(where, detail) {
  summary.failures.push({ where, detail });
  console.log(`FAIL ${where}: ${detail}`);
}
function ok(where, detail) {
  summary.checks.push({ where, detail });
  console.log(`ok ${where}: ${detail}`);
}

const timer = setTimeout(() => {
  fail('run', `took longer than ${TOTAL_LIMIT_MS / 1000} s`);
  console.log(JSON.stringify(summary, null, 2));
  process.exit(3);
}, TOTAL_LIMIT_MS);

/** The path of a result link below the base, without its #anchor. */
function pagePath(href) {
  const u = new URL(href, base);
  return decodeURIComponent(u.pathname).slice(base.pathname.length);
}

async function state(page) {
  return page.evaluate(() => {
    const list = document.getElementById('gj-search-results');
    return {
      query: list.getAttribute('data-query'),
      status: document.getElementById('gj-search-status').textContent,
      panelHidden: document.getElementById('gj-search-panel').hidden,
      results: [...list.querySelectorAll('a')].map((a) => ({
        href: a.getAttribute('href'),
        page: a.querySelector('.site-search__page')?.textContent || '',
        heading: a.querySelector('.site-search__heading')?.textContent || '',
        snippet: a.querySelector('.site-search__snippet')?.innerHTML || '',
      })),
    };
  });
}

async function search(page, query) {
  const input = page.locator('#gj-search-input');
  await input.fill('');
  await input.focus();
  await page.keyboard.type(query, { delay: 20 });
  await page.waitForFunction(
    (q) => document.getElementById('gj-search-results').getAttribute('data-query') === q,
    query,
    { timeout: WAIT_MS },
  );
  return state(page);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 60_000,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      summary.requests.push(u.href);
      if (u.host === base.host && u.hostname === '127.0.0.1') return route.continue();
      summary.foreign.push(u.href);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('console', (msg) => {
      if (msg.type() === 'error') fail('console', `${msg.text()} (${msg.location()?.url || ''})`);
    });
    page.on('pageerror', (err) => fail('page', `uncaught: ${err.message}`));
    page.on('requestfailed', (req) => {
      if (new URL(req.url()).host !== base.host) return;
      fail('request', `${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) fail('request', `${res.status()} ${res.url()}`);
    });

    await page.goto(base.href, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    // The page's language and the box's own words for its status (data-* of #gj-search).
    const lang = await page.evaluate(() => document.documentElement.lang);
    const texts = await page.evaluate(() => {
      const box = document.getElementById('gj-search');
      return { none: box.dataset.none, found: box.dataset.found, foundOne: box.dataset.foundOne };
    });
    const pattern = (text) =>
      new RegExp('^' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{total\\}', '\\d+'));
    const found = (status) => [texts.found, texts.foundOne].some((t) => t && pattern(t).test(status));
    // A query that finds something, for the keyboard checks.
    const word = QUERIES.find(([, expected]) => expected !== null)[0];
    const early = summary.requests.filter((u) => u.includes('/pagefind/'));
    if (early.length) fail('load', `pagefind files requested before the box was used: ${early}`);
    else ok('load', `${summary.requests.length} requests, none under pagefind/`);
    if (!(await page.locator('#gj-search').isVisible())) fail('box', 'the search box is not shown');
    const label = await page.evaluate(() => document.querySelector('label[for="gj-search-input"]')?.textContent);
    if (!label) fail('box', 'the input has no <label>');

    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    const focused = await page.evaluate(() => document.activeElement?.id);
    if (focused !== 'gj-search-input') fail('/', `focus is on ${focused}, not the search box`);
    else ok('/', 'focuses the search box');

    for (const [query, expected, what, also = []] of QUERIES) {
      const where = `query ${JSON.stringify(query)} (${what})`;
      let s;
      try {
        s = await search(page, query);
      } catch (e) {
        fail(where, `no results shown within ${WAIT_MS} ms: ${JSON.stringify(await state(page))}`);
        continue;
      }
      if (expected === null) {
        if (s.results.length !== 0) fail(where, `expected no result, got ${JSON.stringify(s.results)}`);
        else if (s.status !== texts.none) fail(where, `status ${JSON.stringify(s.status)}`);
        else ok(where, `no result, status ${s.status}`);
        continue;
      }
      const first = s.results[0];
      if (!first) {
        fail(where, `no result; status ${JSON.stringify(s.status)}`);
        continue;
      }
      const got = pagePath(first.href);
      const problems = [];
      if (got !== expected) problems.push(`first result is ${got}, want ${expected}`);
      if (!/<mark>[^<]+<\/mark>/.test(first.snippet)) problems.push('its snippet has no <mark>');
      if (!first.page) problems.push('it shows no page title');
      for (const other of also) {
        if (!s.results.some((r) => pagePath(r.href) === other)) problems.push(`${other} is not among the results`);
      }
      if (!found(s.status)) {
        problems.push(`status ${JSON.stringify(s.status)}`);
      }
      const shown = `${got}${new URL(first.href, base).hash ? ' ' + decodeURIComponent(new URL(first.href, base).hash) : ''} "${first.page}${first.heading ? ' › ' + first.heading : ''}" ${first.snippet.slice(0, 80)} [${s.status}]`;
      if (problems.length) fail(where, `${problems.join('; ')}: ${shown}; all: ${s.results.map((r) => pagePath(r.href)).join(', ')}`);
      else ok(where, shown);
    }

    // A Chinese input method (on a Chinese page): while pinyin is being composed nothing is
    // searched; committing the word searches it (Chrome DevTools Protocol's IME events, as an
    // input method sends them).
    if (lang.startsWith('zh')) {
      const where = 'input method';
      const input = page.locator('#gj-search-input');
      await input.fill('');
      await input.focus();
      await page.evaluate(() => document.getElementById('gj-search-status').textContent = '');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'gongjiang', selectionStart: 9, selectionEnd: 9 });
      await page.waitForTimeout(600);
      const composing = await state(page);
      await cdp.send('Input.insertText', { text: '工匠' });
      let committed = null;
      try {
        await page.waitForFunction(
          () => document.getElementById('gj-search-results').getAttribute('data-query') === '工匠',
          null,
          { timeout: WAIT_MS },
        );
        committed = await state(page);
      } catch (e) {
        committed = null;
      }
      if (composing.status !== '' || composing.results.length !== 0) {
        fail(where, `searched while composing: ${JSON.stringify(composing)}`);
      } else if (!committed || committed.results.length === 0) {
        fail(where, `committing 工匠 showed no results: ${JSON.stringify(await state(page))}`);
      } else {
        ok(where, `nothing searched while composing "gongjiang"; 工匠 committed: ${committed.status}`);
      }
      await cdp.detach();
    }

    // With results open: no serious or critical axe-core violation, in light and dark.
    const axeSource = readFileSync(join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');
    await page.addScriptTag({ content: axeSource });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await search(page, '职工书屋');
      const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (serious.length) {
        fail(`axe ${scheme}`, serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`).join('; '));
      } else {
        ok(`axe ${scheme}`, `no serious violation with results open (${axe.violations.length} minor)`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Escape closes the results.
    await search(page, word);
    await page.keyboard.press('Escape');
    if (!(await state(page)).panelHidden) fail('Escape', 'the results stay open');
    else ok('Escape', 'closes the results');

    // ArrowDown + Enter opens the first result at its anchor.
    const s = await search(page, word);
    const target = new URL(s.results[0].href, base).href;
    await page.keyboard.press('ArrowDown');
    const onLink = await page.evaluate(() => document.activeElement?.classList.contains('site-search__result'));
    if (!onLink) fail('ArrowDown', 'focus did not move to the first result');
    await Promise.all([page.waitForURL(target), page.keyboard.press('Enter')]);
    if (page.url() !== target) fail('Enter', `at ${page.url()}, want ${target}`);
    else ok('ArrowDown+Enter', `opened ${decodeURIComponent(target)}`);

    const bundle = summary.requests.filter((u) => u.includes('/pagefind/'));
    if (!bundle.some((u) => u.endsWith('pagefind.js'))) fail('bundle', 'pagefind.js was never loaded');
    else ok('bundle', `${bundle.length} requests under pagefind/`);
    await context.close();
  } finally {
    await browser.close();
  }
  if (summary.foreign.length) fail('run', `requests to another host: ${summary.foreign.join(' ')}`);
}

let code = 0;
try {
  await main();
  code = summary.failures.length ? 1 : 0;
} catch (err) {
  fail('run', String(err && err.stack ? err.stack : err));
  code = 2;
}
clearTimeout(timer);
console.log(JSON.stringify({ ...summary, requests: summary.requests.length }, null, 2));
process.exit(code);
