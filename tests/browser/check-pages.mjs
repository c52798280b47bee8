// Whole-site checks of the built microsite in a real browser (Debian's Chromium, driven by
// playwright-core). Run by tests/it/browser.rs against a private nginx:
//
//   node tests/browser/check-pages.mjs BASE_URL SCREENSHOT_DIR
//
// BASE_URL is the site's --base-url (http://127.0.0.1:PORT/ or .../reform/). For every page of
// BASE_URL/sitemap.xml, plus 404.html and a missing page (answered 404 with the 404 page), at
// 375×812 and 1280×800, in light and dark colour schemes:
//   - no console error and no uncaught page error;
//   - no failed request and no response with status >= 400 (but the missing page's own 404);
//   - no request to any host but BASE_URL's (every request URL is recorded; others are aborted);
//   - no horizontal overflow: document.documentElement.scrollWidth <= window.innerWidth
//     (offending elements are listed with selectors);
//   - axe-core (injected from node_modules/axe-core/axe.min.js, default rules, which include the
//     wcag2a/wcag2aa tags) finds no violation of impact serious or critical;
//   - a full-page screenshot SCREENSHOT_DIR/<page>-<width>[-dark].png.
// And with JavaScript disabled, the home page still shows every stat card ([data-figure]), the
// search box (#gj-search, shown by the site's only script) stays hidden and its <noscript> link
// to the page list shows instead; with JavaScript the box shows.
//
// Prints one JSON summary on stdout; exits 0 when nothing failed, 1 on a failure, 2 on a usage
// or start-up error, 3 when the whole run exceeds its time limit.

import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const TOTAL_LIMIT_MS = 8 * 60 * 1000;
const NAV_TIMEOUT_MS = 30_000;
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
];
const SCHEMES = ['light', 'dark'];
const CHROMIUM = process.env.GONGJIANG_CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const [baseArg, outDir] = process.argv.slice(2);
if (!baseArg || !outDir) {
  console.error('usage: node check-pages.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const base = new URL(baseArg);
const allowedHost = base.host;

const summary = {
  base: base.href,
  chromium: null,
  pages: [],
  loads: 0,
  requests: 0,
  requestUrls: [],
  foreignRequests: [],
  failures: [],
  notes: [],
  screenshots: outDir,
  jsDisabled: null,
  darkMode: null,
};

function fail(where, kind, detail) {
  summary.failures.push({ where, kind, detail });
}

const timer = setTimeout(() => {
  fail('run', 'timeout', `the whole run took longer than ${TOTAL_LIMIT_MS / 1000} s`);
  console.log(JSON.stringify(summary, null, 2));
  process.exit(3);
}, TOTAL_LIMIT_MS);

/** Screenshot name of a page URL: home, skills, 404, missing. */
function slug(url) {
  const rel = new URL(url).pathname.slice(base.pathname.length).replace(/\/$/, '');
  if (rel === '') return 'home';
  return rel.replace(/\.html$/, '').replace(/[^A-Za-z0-9_-]+/g, '_');
}

async function sitemapPages() {
  const res = await fetch(new URL('sitemap.xml', base));
  if (res.status !== 200) throw new Error(`sitemap.xml: status ${res.status}`);
  const xml = await res.text();
  const locs = [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) =>
    m[1].replace(/&amp;/g, '&'),
  );
  if (locs.length === 0) throw new Error('sitemap.xml lists no page');
  return locs;
}

// Runs in the page: elements sticking out to the right of the viewport.
function overflowReport() {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  const selector = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 5; e = e.parentElement) {
      let part = e.localName;
      if (e.id) {
        parts.unshift(`${part}#${e.id}`);
        break;
      }
      const classes = [...e.classList].slice(0, 3);
      if (classes.length) part += '.' + classes.join('.');
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const offenders = [];
  if (scrollWidth > width) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5) {
        offenders.push({
          selector: selector(el),
          left: Math.round(r.left),
          right: Math.round(r.right),
          width: Math.round(r.width),
        });
        if (offenders.length >= 15) break;
      }
    }
  }
  return { scrollWidth, innerWidth: width, offenders };
}

async function checkPage(context, url, { expectStatus, viewport, scheme, axeSource }) {
  const where = `${new URL(url).pathname} @${viewport.width}${scheme === 'dark' ? ' dark' : ''}`;
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location()?.url || '';
    // Chromium logs the deliberate 404 of the missing page's own document.
    if (expectStatus === 404 && loc === url && /status of 404/.test(msg.text())) return;
    consoleErrors.push(`${msg.text()} (${loc})`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (new URL(req.url()).host !== allowedHost) return; // aborted on purpose, reported below
    fail(where, 'request failed', `${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    if (expectStatus === 404 && res.url() === url && res.request().isNavigationRequest()) return;
    fail(where, 'bad status', `${res.status()} ${res.url()}`);
  });
  summary.loads += 1;
  const response = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
  const status = response ? response.status() : 0;
  if (status !== expectStatus) fail(where, 'document status', `${status}, want ${expectStatus}`);

  const overflow = await page.evaluate(overflowReport);
  if (overflow.scrollWidth > overflow.innerWidth) {
    fail(
      where,
      'horizontal overflow',
      `scrollWidth ${overflow.scrollWidth} > innerWidth ${overflow.innerWidth}; ` +
        JSON.stringify(overflow.offenders),
    );
  }

  const shot = `${slug(url)}-${viewport.width}${scheme === 'dark' ? '-dark' : ''}.png`;
  await page.screenshot({ path: join(outDir, shot), fullPage: true });

  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () =>
    // Default rules: everything but experimental rules (wcag2a, wcag2aa, wcag21aa, best practice…).
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  for (const v of axe.violations) {
    const nodes = v.nodes.slice(0, 8).map((n) => ({
      target: n.target.join(' '),
      summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
    }));
    const item = `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s): ${JSON.stringify(nodes)}`;
    if (v.impact === 'serious' || v.impact === 'critical') fail(where, 'axe', item);
    else summary.notes.push(`${where}: axe ${item}`);
  }
  for (const e of consoleErrors) fail(where, 'console error', e);
  await page.close();
}

/** Which [data-figure] cards show, and what they say. */
async function statCards(page) {
  const cards = page.locator('[data-figure]');
  const count = await cards.count();
  const out = [];
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    const box = await card.boundingBox();
    out.push({
      id: await card.getAttribute('data-figure'),
      visible: await card.isVisible(),
      height: box ? Math.round(box.height) : 0,
      text: (await card.innerText()).replace(/\s+/g, ' ').trim().slice(0, 80),
    });
  }
  return out;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const axeSource = readFileSync(join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const pages = await sitemapPages();
  for (const loc of pages) {
    if (new URL(loc).host !== allowedHost || !new URL(loc).pathname.startsWith(base.pathname)) {
      fail('sitemap.xml', 'foreign loc', loc);
    }
  }
  const targets = [
    ...pages.map((url) => ({ url, expectStatus: 200 })),
    { url: new URL('404.html', base).href, expectStatus: 200 },
    { url: new URL('no-such-page/', base).href, expectStatus: 404 },
  ];
  summary.pages = targets.map((t) => t.url);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    timeout: 60_000,
  });
  summary.chromium = browser.version();
  const requestUrls = new Set();
  const guard = async (context) => {
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      summary.requests += 1;
      requestUrls.add(u.href);
      if (u.host === allowedHost) return route.continue();
      summary.foreignRequests.push(u.href);
      return route.abort('blockedbyclient');
    });
  };
  try {
    for (const scheme of SCHEMES) {
      for (const viewport of VIEWPORTS) {
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        await guard(context);
        for (const t of targets) {
          await checkPage(context, t.url, { ...t, viewport, scheme, axeSource });
        }
        await context.close();
      }
    }

    // Dark mode is really applied (else the dark runs above repeat the light ones).
    const bg = {};
    for (const scheme of SCHEMES) {
      const context = await browser.newContext({ viewport: VIEWPORTS[1], colorScheme: scheme });
      await guard(context);
      const page = await context.newPage();
      await page.goto(base.href, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      bg[scheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await context.close();
    }
    summary.darkMode = bg;
    if (bg.light === bg.dark) {
      summary.notes.push(`dark mode: body background is ${bg.dark} in both schemes`);
    }

    // Without JavaScript the home page shows the same stat cards.
    const withJs = await (async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS[0] });
      await guard(context);
      const page = await context.newPage();
      await page.goto(base.href, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      const cards = await statCards(page);
      if ((await page.locator('#gj-search').count()) && !(await page.locator('#gj-search').isVisible())) {
        fail('/ @375', 'search box', 'the search box is not shown with JavaScript on');
      }
      await context.close();
      return cards;
    })();
    summary.jsDisabled = {};
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, javaScriptEnabled: false });
      await guard(context);
      const page = await context.newPage();
      const where = `/ @${viewport.width} no-js`;
      const response = await page.goto(base.href, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      if (!response || response.status() !== 200) fail(where, 'document status', `${response?.status()}`);
      const cards = await statCards(page);
      if (await page.locator('#gj-search').count()) {
        if (await page.locator('#gj-search').isVisible()) fail(where, 'search box', 'shown without JavaScript');
        if (!(await page.locator('.site-search__fallback a').isVisible())) {
          fail(where, 'search box', 'no <noscript> link to the page list');
        }
      }
      await page.screenshot({ path: join(outDir, `home-${viewport.width}-nojs.png`), fullPage: true });
      summary.jsDisabled[viewport.width] = cards;
      if (cards.length === 0) fail(where, 'stat cards', 'no [data-figure] element on the home page');
      if (cards.length !== withJs.length) {
        fail(where, 'stat cards', `${cards.length} cards without JavaScript, ${withJs.length} with`);
      }
      for (const c of cards) {
        if (!c.visible || c.height < 10 || !/\S/.test(c.text)) {
          fail(where, 'stat card hidden', JSON.stringify(c));
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  summary.requestUrls = [...requestUrls].sort();
  if (summary.foreignRequests.length) {
    fail('run', 'foreign requests', [...new Set(summary.foreignRequests)].join(' '));
  }
}

let code = 0;
try {
  await main();
  code = summary.failures.length ? 1 : 0;
} catch (err) {
  fail('run', 'error', String(err && err.stack ? err.stack : err));
  code = 2;
}
clearTimeout(timer);
console.log(JSON.stringify(summary, null, 2));
process.exit(code);
