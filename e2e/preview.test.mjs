// The preview a first visit shows while the app loads (scripts/prerender.mjs writes it
// into the release build): the default plan's Overview, shown only to a visitor with
// no plan of their own, and replaced by the app when it starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, appReady, linkAfter } from './harness.mjs';

const app = appUnderTest();

/** A page in `context` whose app's wasm is held back until `release()` is called. */
async function held(context) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await context.route('**/*_bg.wasm', async (route) => { await gate; await route.continue(); });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, release };
}

/** The Overview's text, with what depends on the day or on the worker as "…". */
const overviewText = (root) => root.evaluate((r) => {
  const copy = r.querySelector('main').cloneNode(true);
  for (const live of copy.querySelectorAll('[data-live]')) live.textContent = '…';
  return copy.textContent.replace(/\s+/g, ' ').trim();
});

test('a first visit shows the default plan’s overview while the app loads, then the app', async () => {
  const context = await app.browser.newContext();
  const { page, errors, release } = await held(context);
  await page.goto(app.server.url);
  const preview = page.locator('#preview');
  assert.ok(await preview.isVisible(), 'the preview is shown');
  assert.match(await preview.textContent(), /my-service at a glance/);
  assert.match(await preview.textContent(), /43m 12s/);
  // It cannot be used, is hidden from assistive technology, and carries no test hooks
  // or ids a page could confuse with the app's.
  assert.equal(await preview.getAttribute('aria-hidden'), 'true');
  assert.equal(await page.evaluate(() => document.getElementById('preview').inert), true);
  assert.equal(await preview.locator('[id], [data-testid], [for]').count(), 0);
  const shown = await overviewText(preview);
  assert.match(shown, /Capacity: …/);

  release();
  await page.waitForSelector('[data-testid="slo-0-budget-seconds"]');
  assert.equal(await page.locator('#preview').count(), 0, 'the app removes the preview when it starts');
  // The preview is the app's own first render, less what it leaves out.
  assert.equal(await overviewText(page.locator('#app')), shown);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link, or a plan kept in this browser, never shows the default plan’s preview', async () => {
  const context = await app.browser.newContext();
  const first = await context.newPage();
  await first.goto(app.server.url);
  await appReady(first);
  const link = await linkAfter(first, () => first.getByLabel('SLO target', { exact: true }).fill('99.5'));
  await first.close();

  // A plan kept in this browser.
  const { page, release } = await held(context);
  await page.goto(app.server.url);
  assert.equal(await page.locator('#preview').isVisible(), false);
  release();
  await appReady(page);
  assert.equal(await page.inputValue('#target'), '99.5');

  // A shared link, in a browser that keeps nothing.
  const other = await app.browser.newContext();
  const opened = await held(other);
  await opened.page.goto(link);
  assert.ok(link.includes('#plan='), link);
  assert.equal(await opened.page.locator('#preview').isVisible(), false);
  opened.release();
  await opened.page.waitForSelector('[data-testid="slo-0-target"]');
  assert.equal((await opened.page.textContent('[data-testid="slo-0-target"]')).trim(), '99.5%');
  await other.close();
  await context.close();
});
