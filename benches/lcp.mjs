// What a reader on a slow phone waits for and downloads: the time to the largest paint of the
// microsite's home page, and the bytes on the wire for each of its pages.
//
//   cargo build --release
//   node benches/lcp.mjs                # LCP of the home page: 15 cold loads per server
//   node benches/lcp.mjs --runs 31      # more loads (1 to 101)
//   node benches/lcp.mjs --network raw  # slow 4G's figures as they are (150 ms, 1.6 Mbps, 750 kbps)
//   node benches/lcp.mjs --bytes        # bytes on the wire per page: plain, gzip and br
//
// It builds this repository's microsite with target/release/gongjiang ($GONGJIANG overrides;
// $CARGO_TARGET_DIR is honoured) into a scratch folder, and serves it with a private nginx on
// 127.0.0.1 (like tests/it/hosting: own config, `daemon off`) on two ports: one as the README
// recommends (`gzip_static`, `brotli_static` from Debian's libnginx-mod-http-brotli-static,
// `gzip_vary`), one that sends every file as it is (no compression at all). Chromium is Debian's
// (/usr/bin/chromium, or $GONGJIANG_CHROMIUM), driven by playwright-core from
// tests/browser/node_modules (`bash .ci/run --deps` installs it); it resolves no host but
// 127.0.0.1, so nothing leaves the machine.
//
// LCP: every load is a new browser context (empty HTTP cache, new connections) with a 375×812
// viewport (mobile, touch, device pixel ratio 2), CDP `Emulation.setCPUThrottlingRate {rate: 4}`
// and `Network.emulateNetworkConditions` with Lighthouse's slow-4G profile (150 ms RTT,
// 1.6 Mbps down, 750 kbps up) in the form Lighthouse itself sends through that call, which
// throttles per request rather than per packet: 562.5 ms latency (150 × 3.75), 1,474.56 kbps
// down and 675 kbps up (× 0.9); `--network raw` sends 150 ms, 1,638.4 kbps and 750 kbps as they
// are (a faster network than the one Lighthouse means). Loads alternate between the two
// servers. For each it prints the median, minimum and maximum of the largest contentful paint
// (PerformanceObserver `largest-contentful-paint`, buffered, read 1 s after `load`) and of the
// first contentful paint, the median of the pairwise differences, and the bytes on the wire
// (the sum of CDP `Network.loadingFinished` `encodedDataLength`: headers and body as
// received), with the requests of the last load and when each arrived.
//
// Bytes per page: Chromium (unthrottled) lists the requests each page of sitemap.xml makes
// (the page, its stylesheet, script, icon and images), then each is fetched over a plain socket
// three times, accepting nothing, `gzip` and `br`, and every byte of the answer is counted
// (status line, headers and body). Printed as a Markdown table.
//
// Every wait has a deadline; the whole run stops after 20 minutes. Exit status 0 on success,
// 1 on a failure, 2 on a usage or start-up error.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(ROOT, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');

const TOTAL_LIMIT_MS = 20 * 60 * 1000;
const VIEWPORT = { width: 375, height: 812 };
const CPU_SLOWDOWN = 4;
// Lighthouse's slow 4G (`mobileSlow4G`: 150 ms RTT, 1.6 Mbps down, 750 kbps up), as Lighthouse
// sends it for DevTools throttling (`DEVTOOLS_RTT_ADJUSTMENT_FACTOR` 3.75,
// `DEVTOOLS_THROUGHPUT_ADJUSTMENT_FACTOR` 0.9), or as it is (`--network raw`). Bytes per second.
const NETWORKS = {
  devtools: {
    offline: false,
    latency: 150 * 3.75,
    downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
    uploadThroughput: ((750 * 1024) / 8) * 0.9,
  },
  raw: {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  },
};
const CHROMIUM = process.env.GONGJIANG_CHROMIUM || '/usr/bin/chromium';
const NGINX = process.env.GONGJIANG_NGINX || '/usr/sbin/nginx';
const BROTLI_MODULE =
  process.env.GONGJIANG_NGINX_BROTLI || '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const BINARY =
  process.env.GONGJIANG ||
  join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release', 'gongjiang');
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

function usage(message) {
  console.error(`${message}\nusage: node benches/lcp.mjs [--runs N] [--network devtools|raw] [--bytes]`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { runs: 15, bytes: false, network: NETWORKS.devtools };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--bytes') options.bytes = true;
    else if (argv[i] === '--network') {
      options.network = NETWORKS[argv[(i += 1)]];
      if (!options.network) usage('--network takes devtools or raw');
    }
    else if (argv[i] === '--runs') {
      options.runs = Number(argv[(i += 1)]);
      if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > 101) {
        usage('--runs takes a whole number from 1 to 101');
      }
    } else usage(`unknown argument ${argv[i]}`);
  }
  return options;
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * GET `path` from 127.0.0.1:`port` over a new connection, with `Accept-Encoding: accept` when
 * given. Resolves to { status, headers (lower-case names), body (Buffer), wire (every byte
 * received) }.
 */
function rawGet(port, path, accept) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(20_000, () => socket.destroy(new Error(`GET ${path}: no answer in 20 s`)));
    socket.on('error', reject);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`GET ${path}: no end of headers`));
      const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
      const headers = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: raw.subarray(end + 4),
        wire: raw.length,
      });
    });
    const accepting = accept ? `Accept-Encoding: ${accept}\r\n` : '';
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${accepting}\r\n`,
    );
  });
}

/** A private nginx serving `site` on two ports: precompressed copies on one, plain on the other. */
async function startNginx(scratch, site, ports) {
  const dir = join(scratch, 'nginx');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const server = (port, precompressed) => `
    server {
        listen 127.0.0.1:${port};
        root ${site};
        index index.html;
        error_page 404 /404.html;
        gzip off;
        gzip_static ${precompressed ? 'on' : 'off'};
        brotli_static ${precompressed ? 'on' : 'off'};
        gzip_vary on;
        location = /__ready { return 200 "ready"; }
    }`;
  const config = `load_module ${BROTLI_MODULE};
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css text/plain text/xml application/javascript application/json
                  application/atom+xml application/rss+xml application/xml image/svg+xml;
    access_log off;
    client_body_temp_path ${dir}/tmp;
    proxy_temp_path ${dir}/tmp;
    fastcgi_temp_path ${dir}/tmp;
    uwsgi_temp_path ${dir}/tmp;
    scgi_temp_path ${dir}/tmp;
${server(ports.precompressed, true)}
${server(ports.plain, false)}
}
`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: 'ignore',
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const deadline = Date.now() + 15_000;
  for (const port of [ports.precompressed, ports.plain]) {
    for (;;) {
      if (exited !== null) {
        throw new Error(`nginx exited (${exited}):\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      }
      const ready = await rawGet(port, '/__ready').then(
        (answer) => answer.body.toString() === 'ready',
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`nginx on port ${port} not ready in 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return child;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) =>
  `median ${Math.round(median(values))} (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;

/** One cold load of `url` on the slow phone: { lcp, fcp, element, bytes, requests }. */
async function slowLoad(browser, url, network) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const requests = new Map();
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const encoding = Object.entries(response.headers).find(
        ([name]) => name.toLowerCase() === 'content-encoding',
      );
      requests.set(requestId, { url: response.url, encoding: encoding ? encoding[1] : '', bytes: 0 });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const request = requests.get(requestId);
      if (request) request.bytes = encodedDataLength;
    });
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const paints = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let last = null;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) last = entry;
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => {
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            const timings = {};
            for (const entry of [
              ...performance.getEntriesByType('navigation'),
              ...performance.getEntriesByType('resource'),
            ]) {
              timings[new URL(entry.name).pathname] = [entry.responseStart, entry.responseEnd];
            }
            const element = last && last.element;
            resolve({
              timings,
              lcp: last ? last.startTime : null,
              fcp: fcp ? fcp.startTime : null,
              element: element
                ? `<${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''}> ${(element.textContent || '').trim().slice(0, 24)}`
                : null,
            });
          }, 1000);
        }),
    );
    if (paints.lcp === null) throw new Error(`${url}: no largest-contentful-paint entry`);
    const list = [...requests.values()];
    for (const request of list) {
      if (new URL(request.url).hostname !== '127.0.0.1') {
        throw new Error(`${url} requested ${request.url}`);
      }
    }
    return { ...paints, bytes: list.reduce((sum, r) => sum + r.bytes, 0), requests: list };
  } finally {
    await context.close();
  }
}

async function measureLcp(browser, ports, runs, network) {
  const servers = [
    ['precompressed (gzip_static + brotli_static)', ports.precompressed],
    ['plain (no compression)', ports.plain],
  ];
  const results = new Map(servers.map(([name]) => [name, []]));
  for (let run = 1; run <= runs; run += 1) {
    for (const [name, port] of run % 2 ? servers : [...servers].reverse()) {
      const result = await slowLoad(browser, `http://127.0.0.1:${port}/`, network);
      results.get(name).push(result);
      console.log(
        `run ${run} ${name}: LCP ${Math.round(result.lcp)} ms, FCP ${Math.round(result.fcp)} ms, ${result.bytes} bytes on the wire`,
      );
    }
  }
  console.log(
    `\nHome page, ${runs} cold loads each, ${VIEWPORT.width}×${VIEWPORT.height}, CPU ${CPU_SLOWDOWN}× slower, ` +
      `slow 4G (Lighthouse: 150 ms RTT, 1.6 Mbps down, 750 kbps up; sent as ${network.latency} ms, ` +
      `${((network.downloadThroughput * 8) / 1024).toFixed(2)} kbps down, ${((network.uploadThroughput * 8) / 1024).toFixed(0)} kbps up):`,
  );
  const [withCopies, plain] = [...results.values()];
  const saved = plain.map((r, i) => r.lcp - withCopies[i].lcp);
  console.log(
    `LCP plain minus precompressed, load by load (each pair run back to back): ${spread(saved)} ms`,
  );
  for (const [name, list] of results) {
    const last = list[list.length - 1];
    console.log(`\n${name}`);
    console.log(`  largest contentful paint: ${spread(list.map((r) => r.lcp))} ms; element ${last.element}`);
    console.log(`  first contentful paint:   ${spread(list.map((r) => r.fcp))} ms`);
    console.log(`  bytes on the wire:        ${spread(list.map((r) => r.bytes))}`);
    console.log('    bytes  encoding  first byte → last byte (ms after navigation start)  path');
    for (const request of last.requests) {
      const path = new URL(request.url).pathname;
      const [start, end] = (last.timings[path] || []).map((t) => String(Math.round(t)));
      const span = start ? `${start.padStart(5)} → ${end.padStart(5)}` : '       (no timing)';
      console.log(`  ${String(request.bytes).padStart(7)}  ${request.encoding.padEnd(8)}  ${span}  ${path}`);
    }
  }
}

async function measureBytes(browser, ports) {
  const port = ports.precompressed;
  const sitemap = (await rawGet(port, '/sitemap.xml')).body.toString('utf8');
  const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (pages.length === 0) throw new Error('sitemap.xml lists no page');
  const rows = [];
  const totals = { plain: 0, gzip: 0, br: 0 };
  for (const path of pages) {
    // A new context for each page, so that each is a first visit (the icon included).
    const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true });
    const urls = new Set();
    context.on('request', (request) => urls.add(new URL(request.url()).pathname));
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'networkidle', timeout: 60_000 });
    } finally {
      await context.close();
    }
    const row = { path, files: urls.size, html: {}, all: {} };
    for (const [name, accept] of [['plain', null], ['gzip', 'gzip'], ['br', 'br']]) {
      let all = 0;
      for (const url of urls) {
        const answer = await rawGet(port, url, accept);
        if (answer.status !== 200) throw new Error(`GET ${url}: status ${answer.status}`);
        if (url === path) row.html[name] = answer.wire;
        all += answer.wire;
      }
      row.all[name] = all;
      totals[name] += all;
    }
    rows.push(row);
  }
  const pct = (part, whole) => `${Math.round((100 * part) / whole)}%`;
  console.log('| page | files | HTML plain | HTML gzip | HTML br | page + assets plain | gzip | br |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const { path, files, html, all } of rows) {
    console.log(
      `| \`${path}\` | ${files} | ${html.plain} | ${html.gzip} | ${html.br} (${pct(html.br, html.plain)}) | ` +
        `${all.plain} | ${all.gzip} (${pct(all.gzip, all.plain)}) | ${all.br} (${pct(all.br, all.plain)}) |`,
    );
  }
  console.log(
    `| all ${rows.length} pages, first visit each | | | | | ${totals.plain} | ${totals.gzip} (${pct(totals.gzip, totals.plain)}) | ${totals.br} (${pct(totals.br, totals.plain)}) |`,
  );
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  for (const [what, path] of [
    ['gongjiang (run `cargo build --release`, or set $GONGJIANG)', BINARY],
    ['nginx', NGINX],
    ['the nginx brotli module (apt-get install libnginx-mod-http-brotli-static)', BROTLI_MODULE],
    ['chromium', CHROMIUM],
  ]) {
    if (!existsSync(path)) usage(`missing ${what}: ${path}`);
  }
  const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'gongjiang-lcp-'));
  let nginx = null;
  let browser = null;
  const stop = () => {
    if (nginx && nginx.exitCode === null) nginx.kill();
    rmSync(scratch, { recursive: true, force: true });
  };
  const limit = setTimeout(() => {
    console.error(`stopped: the run took longer than ${TOTAL_LIMIT_MS / 60000} minutes`);
    stop();
    process.exit(1);
  }, TOTAL_LIMIT_MS);
  try {
    const ports = { precompressed: await freePort(), plain: await freePort() };
    const site = join(scratch, 'site');
    const summary = execFileSync(
      BINARY,
      ['build', '--root', ROOT, '--output', site, '--base-url', `http://127.0.0.1:${ports.precompressed}/`],
      { encoding: 'utf8' },
    );
    console.log(summary.trim());
    nginx = await startNginx(scratch, site, ports);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
      timeout: 60_000,
    });
    console.log(`Chromium ${browser.version()}, nginx ${NGINX}, site ${site}\n`);
    if (options.bytes) await measureBytes(browser, ports);
    else await measureLcp(browser, ports, options.runs, options.network);
  } finally {
    if (browser) await browser.close();
    stop();
    clearTimeout(limit);
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exitCode = 1;
});
