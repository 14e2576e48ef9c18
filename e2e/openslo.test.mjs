// The OpenSLO and Sloth panel, and a conflicting value refused at its field, against
// the release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, openApp } from './harness.mjs';

const app = appUnderTest();
const EXAMPLE = new URL('../../shared/openslo/examples/budgeting-method/occurences-slo.yaml', import.meta.url);

test('the worker starts after the first result, and not at all by pages that do not ask it', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  // Records, for each worker started, whether the first result was already shown.
  await page.addInitScript(() => {
    const Original = window.Worker;
    window.__workers = [];
    window.Worker = function (url, options) {
      window.__workers.push({ url: String(url), afterResult: !!document.querySelector('[data-testid="slo-0-budget-seconds"]') });
      return new Original(url, options);
    };
  });
  // The Overview asks the worker for the odds of meeting each SLO once it has shown
  // each SLO's budget: the worker's download never delays the first result.
  await page.goto(app.server.url);
  await page.waitForFunction(() => window.__workers.some((w) => w.url.includes('slo-worker')));
  const workers = await page.evaluate(() => window.__workers);
  assert.ok(workers.every((w) => w.afterResult), JSON.stringify(workers));
  await context.close();

  // A reload keeps the page it was on: on the Targets page, neither it nor the Budget,
  // Alerts or Capacity pages fetch the worker, until the OpenSLO panel asks it.
  const second = await app.browser.newContext();
  const again = await second.newPage();
  await again.goto(app.server.url);
  await again.waitForSelector('[data-testid="slo-0-budget-seconds"]');
  await again.getByRole('button', { name: 'Targets', exact: true }).click();
  await again.waitForSelector('[data-testid="downtime-30d"]');
  // Reload once the plan is in the address bar, as a person would after a moment.
  await again.waitForFunction(() => location.hash.length > 10 && history.state === 'Targets');
  const later = [];
  again.on('request', (r) => later.push(new URL(r.url()).pathname));
  await again.reload();
  const current = await again.waitForSelector('nav button[aria-current="page"]');
  assert.equal(await current.textContent(), 'Targets', `history.state after the reload: ${await again.evaluate(() => history.state)}`);
  await again.waitForSelector('[data-testid="downtime-30d"]');
  for (const tab of ['Error budget', 'Alerts', 'Capacity', 'Targets']) await again.getByRole('button', { name: tab, exact: true }).click();
  assert.deepEqual(later.filter((p) => p.includes('slo-worker')), []);
  await again.click('[data-testid="openslo-panel"] summary');
  await again.waitForFunction(() => document.querySelector('[data-testid="export-openslo"]')?.dataset.ready === 'true');
  assert.ok(later.some((p) => p.endsWith('/slo-worker_bg.wasm')), later.join(' '));
  await second.close();
});

test('the plan reads as OpenSLO, downloads as OpenSLO and Sloth, and OpenSLO opens as a plan', async () => {
  const { context, page, errors } = await openApp(app, { acceptDownloads: true });
  await page.getByLabel('SLO target', { exact: true }).fill('99.95');
  await page.waitForFunction(() => document.querySelector('[data-testid="downtime-30d"]')?.dataset.seconds === '1296');
  await page.click('[data-testid="openslo-panel"] summary');
  await page.waitForFunction(() => document.querySelector('[data-testid="export-openslo"]')?.dataset.ready === 'true');
  const exported = await page.inputValue('[data-testid="export-openslo"]');
  assert.match(exported, /apiVersion: openslo\/v1/);
  assert.match(exported, /kind: SLO/);
  assert.match(exported, /target: 0\.9995/);
  const [openslo] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-openslo"]')]);
  assert.equal(openslo.suggestedFilename(), 'my-service.openslo.yaml');
  assert.equal(await readFile(await openslo.path(), 'utf8'), exported);
  const [sloth] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-sloth"]')]);
  assert.equal(sloth.suggestedFilename(), 'my-service.sloth.yaml');
  assert.match(await readFile(await sloth.path(), 'utf8'), /version: "?prometheus\/v1"?/);

  // Nonsense is refused with its line; the plan stays.
  await page.fill('[data-testid="import-openslo"]', 'apiVersion: openslo/v1\nkind: SLO\nspec: [unclosed');
  await page.click('[data-testid="import-openslo-open"]');
  await page.waitForSelector('[data-testid="openslo-error"]');
  assert.match(await page.textContent('[data-testid="openslo-error"]'), /line 3/);
  assert.equal(await page.inputValue('#target'), '99.95');

  // An official example opens: its service, its target, its window, with notes.
  await page.fill('[data-testid="import-openslo"]', await readFile(EXAMPLE, 'utf8'));
  await page.click('[data-testid="import-openslo-open"]');
  await page.waitForFunction(() => document.querySelector('#target')?.value === '99');
  assert.equal(await page.inputValue('#service'), 'web-shop');
  assert.ok((await page.textContent('[data-testid="openslo-notes"]')).length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a short window not shorter than its long window is refused at the field, and the plan survives a reload', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.fill('#tier-0-short-input', '90m');
  await page.locator('#tier-0-short-input').blur();
  const message = await page.textContent('#tier-0-short-input-error');
  assert.match(message, /shorter than this tier's long window \(1h\)/);
  // Every page still shows, and the plan in the link is the last good one.
  await page.getByRole('button', { name: 'Targets' }).click();
  await page.waitForSelector('[data-testid="downtime-30d"]');
  await page.reload();
  await page.waitForSelector('[data-testid="downtime-30d"]');
  await page.getByRole('button', { name: 'Alerts' }).click();
  assert.equal(await page.inputValue('#tier-0-short-input'), '5m');
  assert.deepEqual(errors, []);
  await context.close();
});
