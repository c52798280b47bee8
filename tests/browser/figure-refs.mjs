// Figure references of the built microsite in a real browser (Debian's Chromium via
// playwright-core). Run by tests/it/browser.rs against the site served by a private nginx:
//
//   node tests/browser/figure-refs.mjs BASE_URL
//
// For every page of BASE_URL/sitemap.xml, at 375×812 and 1280×800: each inline figure reference
// of the text (`a.figure-ref`, `{{id}}` in the Markdown) is clicked, scrolled to first as a
// reader would, from the top of the page; then
//   - location.hash is the link's `#fig-<id>` (and the page is the link's page);
//   - the element with that id is the figure's card ([data-figure="<id>"]: a `.stat` card, or
//     the home page's hero figure), and its number (`<data>`: display and unit) reads exactly as
//     the link does;
//   - the card is in the viewport (its top edge on screen, and as much of it as fits);
//   - no console error, no uncaught page error, no request to another host.
// Prints `ok click …` per reference and viewport, `FAIL …` per failure, then a JSON summary;
// exits 0 when all pass, 1 on a failure, 2 on a start-up error, 3 on the time limit.

import { chromium } from 'playwright-core';

const TOTAL_LIMIT_MS = 4 * 60 * 1000;
const WAIT_MS = 10_000;
const CHROMIUM = process.env.GONGJIANG_CHROMIUM || '/usr/bin/chromium';
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
];

const [baseArg] = process.argv.slice(2);
if (!baseArg) {
  console.error('usage: node figure-refs.mjs BASE_URL');
  process.exit(2);
}
const base = new URL(baseArg);
const summary = { base: base.href, pages: 0, clicks: 0, failures: [], foreign: [] };

function fail(where, detail) {
  summary.failures.push({ where, detail });
  console.log(`FAIL ${where}: ${detail}`);
}
function ok(where, detail) {
  console.log(`ok ${where}: ${detail}`);
}

const timer = setTimeout(() => {
  fail('run', `took longer than ${TOTAL_LIMIT_MS / 1000} s`);
  console.log(JSON.stringify(summary, null, 2));
  process.exit(3);
}, TOTAL_LIMIT_MS);

async function sitemapPages() {
  const res = await fetch(new URL('sitemap.xml', base));
  if (res.status !== 200) throw new Error(`sitemap.xml: status ${res.status}`);
  const xml = await res.text();
  const locs = [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  if (locs.length === 0) throw new Error('sitemap.xml lists no page');
  return locs;
}

// Runs in the page: where the hash leads, and whether that is the figure's card on screen.
function landing() {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id ? document.getElementById(id) : null;
  if (!el) return { hash: location.hash, path: location.pathname, found: false };
  const rect = el.getBoundingClientRect();
  const height = window.innerHeight;
  return {
    hash: location.hash,
    path: location.pathname,
    found: true,
    figure: el.getAttribute('data-figure'),
    isCard: el.matches('.stat, .hero__stat'),
    number: (el.querySelector('data')?.textContent || '').trim(),
    top: Math.round(rect.top),
    bottom: Math.round(rect.bottom),
    height,
    // The card's top is on screen, and it shows as much of itself as the viewport holds.
    inView: rect.top >= -1 && rect.top < height && rect.bottom > 0 &&
      Math.min(rect.bottom, height) - Math.max(rect.top, 0) >= Math.min(rect.height, height) - 1,
  };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run'],
    timeout: 60_000,
  });
  try {
    const pages = await sitemapPages();
    summary.pages = pages.length;
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport });
      await context.route('**/*', (route) => {
        const u = new URL(route.request().url());
        if (u.host === base.host) return route.continue();
        summary.foreign.push(u.href);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      page.on('console', (msg) => {
        if (msg.type() === 'error') fail('console', `${msg.text()} (${msg.location()?.url || ''})`);
      });
      page.on('pageerror', (err) => fail('page', `uncaught: ${err.message}`));

      for (const loc of pages) {
        await page.goto(loc, { waitUntil: 'load' });
        const links = await page.$$eval('main a.figure-ref', (as) =>
          as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })),
        );
        for (let i = 0; i < links.length; i++) {
          const { href, text } = links[i];
          const where = `click ${viewport.width}px ${new URL(loc).pathname} ${href} "${text}"`;
          const target = new URL(href, loc);
          // Back on the page, at its top, with no hash (so that the click has to set it).
          if (new URL(page.url()).pathname !== new URL(loc).pathname) {
            await page.goto(loc, { waitUntil: 'load' });
          }
          await page.evaluate(() => {
            history.replaceState(null, '', location.pathname + location.search);
            window.scrollTo(0, 0);
          });
          await page.locator('main a.figure-ref').nth(i).click();
          let got;
          try {
            await page.waitForFunction((hash) => location.hash === hash, target.hash, { timeout: WAIT_MS });
            // Let any scrolling settle before measuring.
            await page.waitForFunction(
              () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))),
            );
            got = await page.evaluate(landing);
          } catch (e) {
            fail(where, `location is ${page.url()}, want ${target.href}`);
            continue;
          }
          const id = target.hash.slice(1);
          const problems = [];
          if (!/^#fig-[a-z0-9-]+$/.test(target.hash)) problems.push(`the link's hash ${target.hash} is not #fig-<id>`);
          if (got.path !== target.pathname) problems.push(`on ${got.path}, want ${target.pathname}`);
          if (!got.found) problems.push(`no element has id ${id}`);
          else {
            if (got.figure !== id.replace(/^fig-/, '')) problems.push(`#${id} is not the figure's card (data-figure=${got.figure})`);
            if (!got.isCard) problems.push(`#${id} is not a stat card`);
            if (got.number !== text) problems.push(`the card reads "${got.number}", the link "${text}"`);
            if (!got.inView) problems.push(`the card is not in the viewport (top ${got.top}, bottom ${got.bottom}, viewport ${got.height})`);
          }
          summary.clicks += 1;
          if (problems.length) fail(where, problems.join('; '));
          else ok(where, `${got.hash}, card "${got.number}" at ${got.top}–${got.bottom} of ${got.height}`);
        }
      }
      await context.close();
    }
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
console.log(JSON.stringify(summary, null, 2));
process.exit(code);
