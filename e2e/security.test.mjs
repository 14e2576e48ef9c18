// The app's own Content-Security-Policy holds on a full journey, no request leaves
// its origin, and after one visit it works offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, appReady, seconds } from './harness.mjs';

const app = appUnderTest();

// Runs in the page before the app: records every CSP violation.
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

test('a journey through every page stays inside the policy and the origin', async () => {
  const context = await app.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(recordViolations);
  const origin = new URL(app.server.url).origin;
  const foreign = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await appReady(page);

  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(policy, /script-src[^;]*'unsafe-inline'/);
  assert.doesNotMatch(policy, /inline-hashes/);

  await page.fill('#target', '99.95');
  const hover = async (testId) => {
    const canvas = page.locator(`[data-testid="${testId}"] canvas`);
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector(`[data-testid="${testId}"] [data-testid="chart-readout"]`);
  };
  await hover('downtime-chart');
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="downtime-chart"] .link-button')]);
  await page.getByRole('button', { name: 'Error budget' }).click();
  await page.click('[data-testid="add-incident"]');
  await hover('burn-down-chart');
  await page.getByRole('button', { name: 'Alerts' }).click();
  await hover('detection-chart');
  await hover('incident-chart');
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-rules"]')]);
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  // The worker, within the policy: the Markdown report and the OpenSLO panel.
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-markdown"]')]);
  await page.click('[data-testid="openslo-panel"] summary');
  await page.waitForFunction(() => document.querySelector('[data-testid="export-openslo"]')?.dataset.ready === 'true');

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after one visit the app opens and works with no network', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  // The service worker is registered a few seconds after start, caches the build and
  // takes control of the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await page.fill('#target', '99.99');
  assert.equal(await seconds(page, '30d'), '259.2');
  const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
  assert.equal(manifest.name, 'slo-planner');
  // The worker's files come from the cache too.
  await page.click('[data-testid="openslo-panel"] summary');
  await page.waitForFunction(() => document.querySelector('[data-testid="export-openslo"]')?.dataset.ready === 'true');
  assert.match(await page.inputValue('[data-testid="export-openslo"]'), /target: 0\.9999/);
  // A new tab opens offline too.
  const second = await context.newPage();
  await second.goto(app.server.url);
  await appReady(second);
  await context.close();
});
