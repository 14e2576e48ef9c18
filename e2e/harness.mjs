// Shared by the Playwright journeys and the benchmark: serves dist/ on 127.0.0.1 and
// launches Debian's Chromium through playwright-core (no browser download).
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

const compressed = new Map();
/** The file's contents, gzip -9, read and compressed once. */
async function gzipped(file) {
  if (!compressed.has(file)) compressed.set(file, gzipSync(await readFile(file), { level: 9 }));
  return compressed.get(file);
}

/** Serves the release build, gzip-compressed when the browser accepts it; resolves to
 * { url, close }. */
export async function serveDist() {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `trunk build --release` first');
  });
  return serveDir(DIST);
}

/** Serves the directory `root` as a static host does, gzip-compressed when the browser
 * accepts it, with `cacheControl` on every response (a header value, or a function of
 * the path giving one); resolves to { url, close, deploy },
 * where `deploy(dir)` serves another directory from then on (a deploy over the site). */
export async function serveDir(root, cacheControl = 'no-store') {
  let dir = root;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      // Compressed as static hosts serve it (gzip), once per file.
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gzip ? await gzipped(file) : await readFile(file);
      const caching = typeof cacheControl === 'function' ? cacheControl(path) : cacheControl;
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': caching };
      if (gzip) headers['content-encoding'] = 'gzip';
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'cache-control': 'no-store' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
    deploy: (next) => { dir = next; },
  };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** For a test file: serves the build and starts Chromium before its tests, and stops
 * both after them. The returned object's `server` and `browser` are set once started. */
export function appUnderTest() {
  const app = {};
  before(async () => {
    app.server = await serveDist();
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** A page of the app in a fresh browser context, with the page's errors collected in
 * `errors`; resolves once the app has rendered. Close `context` when done. */
export async function openApp(app, options = {}) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await appReady(page);
  return { context, page, errors };
}

/** The first result the app shows on opening: each SLO's budget on the Overview, or
 * the downtime per window when a reload leaves it on the Targets page. */
export const FIRST_RESULT = '[data-testid="slo-0-budget-seconds"], [data-testid="downtime-30d"]';

/** Waits until the app has rendered its first result (on the Overview, or on the page
 * a reload kept), then opens the Targets page, where most journeys start. */
export async function appReady(page) {
  const current = await page.waitForSelector('nav button[aria-current="page"]');
  if ((await current.textContent()) === 'Overview') await page.waitForSelector(FIRST_RESULT);
  await page.getByRole('button', { name: 'Targets', exact: true }).click();
  await page.waitForSelector('[data-testid="downtime-30d"]');
}

/** The value of the input `selector` once it equals `expected` (fields follow the
 * plan in a later render pass), or whatever it holds after two seconds. */
export async function settledValue(page, selector, expected) {
  await page
    .waitForFunction(([s, v]) => document.querySelector(s)?.value === v, [selector, expected], { timeout: 2_000 })
    .catch(() => {});
  return page.inputValue(selector);
}

/** The exact seconds shown for a window, e.g. seconds(page, '30d'). */
export function seconds(page, key) {
  return page.getAttribute(`[data-testid="downtime-${key}"]`, 'data-seconds');
}

/** Does `change` on `page` and resolves to the share link of the plan it makes (the
 * link the share panel shows, once it follows the change). */
export async function linkAfter(page, change) {
  const field = '[data-testid="share-url"]';
  const before = await page.inputValue(field);
  await change();
  await page.waitForFunction(([f, b]) => document.querySelector(f).value !== b, [field, before]);
  return page.inputValue(field);
}

/** Opens the plan shown on `page` as a shared link in a fresh browser context, on the
 * tab named `tab`; returns the new page (close its context when done). */
export async function openSharedLink(browser, page, tab) {
  await page.waitForFunction(() => location.hash.length > 10);
  const context = await browser.newContext();
  const opened = await context.newPage();
  await opened.goto(await page.inputValue('[data-testid="share-url"]'));
  await appReady(opened);
  await opened.getByRole('button', { name: tab }).click();
  return opened;
}
