// Two builds deployed one over the other on a static host that lets browsers cache
// every file for 10 minutes (as GitHub Pages does): no tab is stranded, a new visit
// gets the new build within one reload, and no page is ever blank, online or offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, appReady, launchChromium, serveDir } from './harness.mjs';

const MAX_AGE = 'max-age=600';
let root;
let builds;
let browser;

/** The build id a page runs (scripts/offline.mjs writes it into the page). */
const buildOf = (page) => page.getAttribute('meta[name="slo-build"]', 'content');

/**
 * A second build made from the release build as a new deploy would be: other names for
 * the app's JS and wasm (the page's policy updated for its loader), and the build's
 * unit (worker directory, service worker) written again by scripts/offline.mjs.
 */
function secondBuild(dir) {
  cpSync(DIST, dir, { recursive: true });
  const page = join(dir, 'index.html');
  let html = readFileSync(page, 'utf8');
  // Trunk writes the files' hash in hex without leading zeros: 16 digits or fewer.
  const old = html.match(/slo-planner-([0-9a-f]{1,16})/)[1];
  const renamed = 'b'.repeat(old.length);
  const inline = (text) => [...text.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const sha = (code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
  const before = inline(html).map(sha);
  html = html.replaceAll(old, renamed);
  inline(html).map(sha).forEach((hash, i) => { html = html.replace(before[i], hash); });
  // Back to what Trunk wrote, for scripts/offline.mjs to make a unit of it again.
  html = html.replace(/<meta name="slo-build"[^>]*><meta name="slo-worker"[^>]*>/, '');
  writeFileSync(page, html);
  for (const f of readdirSync(dir)) {
    if (f.startsWith('slo-planner-')) {
      const text = f.endsWith('.js') ? readFileSync(join(dir, f), 'utf8').replaceAll(old, renamed) : null;
      renameSync(join(dir, f), join(dir, f.replace(old, renamed)));
      if (text !== null) writeFileSync(join(dir, f.replace(old, renamed)), text);
    }
    if (f.startsWith('worker-')) {
      for (const w of readdirSync(join(dir, f))) renameSync(join(dir, f, w), join(dir, w));
      rmSync(join(dir, f), { recursive: true });
    }
  }
  rmSync(join(dir, 'sw.js'));
  execFileSync('node', [new URL('../scripts/offline.mjs', import.meta.url).pathname], { env: { ...process.env, TRUNK_STAGING_DIR: dir } });
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'slo-deploy-'));
  const a = join(root, 'a/');
  const b = join(root, 'b/');
  cpSync(DIST, a, { recursive: true });
  secondBuild(b);
  builds = {
    a: { dir: a, id: readFileSync(join(a, 'index.html'), 'utf8').match(/name="slo-build" content="([0-9a-f]+)"/)[1] },
    b: { dir: b, id: readFileSync(join(b, 'index.html'), 'utf8').match(/name="slo-build" content="([0-9a-f]+)"/)[1] },
  };
  assert.notEqual(builds.a.id, builds.b.id);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

test('a deploy over an open tab: it keeps working, a new visit gets the new build within one reload, offline too', async () => {
  const server = await serveDir(builds.a.dir, MAX_AGE);
  const context = await browser.newContext();
  const errors = [];
  const old = await context.newPage();
  old.on('pageerror', (e) => errors.push(e.message));
  await old.goto(server.url);
  await appReady(old);
  await old.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  assert.equal(await buildOf(old), builds.a.id);

  server.deploy(builds.b.dir);
  // A new visit: the page comes from the cached build; the browser finds the new
  // service worker, which caches the new build around the HTTP cache and takes over.
  const visit = await context.newPage();
  visit.on('pageerror', (e) => errors.push(e.message));
  await visit.goto(server.url);
  await appReady(visit);
  await visit.waitForSelector('[data-testid="update-ready"]', { timeout: 30_000 });
  await old.waitForSelector('[data-testid="update-ready"]', { timeout: 30_000 });
  await visit.reload();
  await appReady(visit);
  assert.equal(await buildOf(visit), builds.b.id);
  assert.equal(await visit.$('[data-testid="update-ready"]'), null);

  // The old tab still works, its worker included (its files are gone from the host).
  await old.fill('#target', '99.95');
  await old.waitForFunction(() => document.querySelector('[data-testid="downtime-30d"]')?.dataset.seconds === '1296');
  await old.click('[data-testid="openslo-panel"] summary');
  await old.waitForFunction(() => document.querySelector('[data-testid="export-openslo"]')?.dataset.ready === 'true');
  assert.match(await old.inputValue('[data-testid="export-openslo"]'), /target: 0\.9995/);

  // Offline, a new tab opens the new build.
  await context.setOffline(true);
  const offline = await context.newPage();
  await offline.goto(server.url);
  await appReady(offline);
  assert.equal(await buildOf(offline), builds.b.id);
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test('without a service worker, a page whose files a deploy removed says so, and a reload loads the new build', async () => {
  // The page stays in the browser's cache, its other files do not (evicted, as happens
  // when the cache fills): after the deploy the cached page names files that are gone.
  const server = await serveDir(builds.a.dir, (path) => (path.endsWith('/') || path.endsWith('.html') ? MAX_AGE : 'no-store'));
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const first = await context.newPage();
  await first.goto(server.url);
  await appReady(first);
  server.deploy(builds.b.dir);
  // The cached page names files the host no longer has.
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#boot', { state: 'visible', timeout: 20_000 });
  assert.match(await page.textContent('#boot'), /has not started\. If a new version was just published, reload/);
  await page.reload();
  await appReady(page);
  assert.equal(await buildOf(page), builds.b.id);
  assert.equal(await page.$('#boot'), null);
  await context.close();
  await server.close();
});
