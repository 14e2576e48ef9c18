// User journey on the Alerts page, against the release build in real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launchChromium, appReady } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('choose the workbook preset, read each tier, export the rules', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await appReady(page);
  await page.selectOption('#window', 'rolling-28');
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.click('[data-testid="preset-workbook"]');
  await page.getByLabel('Error rate', { exact: true }).fill('100');
  const text = (id) => page.textContent(`[data-testid="${id}"]`).then((t) => t.trim());
  // Workbook shares kept for a 28-day window: 2 % in 1 h is a burn rate of 13.44.
  assert.equal(await text('tier-0-burn-rate'), '13.44');
  assert.equal(await text('tier-0-budget-percent'), '2%');
  // 1 h × 13.44 × 0.001 ÷ 1 = 48.384 s.
  assert.equal(await page.getAttribute('[data-testid="tier-0-time-to-fire"]', 'data-seconds'), '48.384');
  assert.equal(await text('tier-0-min-error-rate'), '1.344%');
  assert.equal(await page.getAttribute('[data-testid="tier-0-reset-time"]', 'data-seconds'), '295.968');
  assert.equal(await text('tier-3-budget-percent'), '10%');

  // Entering a budget share instead of a burn rate derives the burn rate.
  await page.fill('#tier-0-share-input', '5');
  assert.equal(await text('tier-0-burn-rate'), '33.6');

  const yaml = await page.inputValue('[data-testid="rules-yaml"]');
  assert.match(yaml, /- alert: ErrorBudgetBurn_page_1h/);
  assert.match(yaml, /slo:sli_error:ratio_rate1h\{slo_service="my-service"\} > 0\.0336/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-rules"]')]);
  assert.equal(download.suggestedFilename(), 'my-service-slo-rules.yml');
  assert.equal(await readFile(await download.path(), 'utf8'), yaml);

  // The policy travels in the link.
  await page.waitForFunction(() => location.hash.length > 10);
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(await page.inputValue('[data-testid="share-url"]'));
  await appReady(second);
  await second.getByRole('button', { name: 'Alerts' }).click();
  assert.equal(await second.textContent('[data-testid="tier-0-burn-rate"]'), '33.6');
  await other.close();
  assert.deepEqual(errors, []);
  await context.close();
});
