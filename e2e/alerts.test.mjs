// User journey on the Alerts page, against the release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, appReady, openApp, openSharedLink } from './harness.mjs';

const app = appUnderTest();

test('choose the workbook preset, read each tier, export the rules', async () => {
  const context = await app.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
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
  assert.match(yaml, /slo:sli_error:ratio_rate1h\{slo_service="my-service",slo_name="availability"\} > 0\.0336/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-rules"]')]);
  assert.equal(download.suggestedFilename(), 'my-service-slo-rules.yml');
  assert.equal(await readFile(await download.path(), 'utf8'), yaml);

  // The policy travels in the link.
  const second = await openSharedLink(app.browser, page, 'Alerts');
  assert.equal(await second.textContent('[data-testid="tier-0-burn-rate"]'), '33.6');
  await second.context().close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Pyrra tiers stretch with the window, and the scaling is shown', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.selectOption('#window', 'rolling-7');
  await page.getByRole('button', { name: 'Alerts' }).click();
  // Pyrra keeps its burn rates and divides its 28-day windows by four.
  const hint = await page.textContent('li:has([data-testid="preset-pyrra"])');
  assert.match(hint, /page 14× 15m\/1m, page 7× 1h30m\/8m, ticket 2× 6h\/30m, ticket 1× 1d\/1h30m/);
  await page.click('[data-testid="preset-pyrra"]');
  assert.equal((await page.textContent('[data-testid="tier-0-burn-rate"]')).trim(), '14');
  assert.equal(await page.inputValue('#tier-0-long-input'), '15m');
  // The Workbook keeps its windows and lowers the burn rates: 2 % of 7 days in 1 h.
  await page.click('[data-testid="preset-workbook"]');
  assert.equal((await page.textContent('[data-testid="tier-0-burn-rate"]')).trim(), '3.36');
  await context.close();
});

test('tiers made for another window are said, and rescaled in one click', async () => {
  const { context, page, errors } = await openApp(app);
  await page.selectOption('#window', 'rolling-90');
  await page.getByRole('button', { name: 'Alerts' }).click();
  // The default tiers are the Workbook's for 30 days.
  assert.match(await page.textContent('[data-testid="tiers-rescale"]'), /SRE Workbook tiers for a 30-day rolling window, but this SLO's window is 90-day rolling/);
  assert.equal((await page.textContent('[data-testid="tier-0-burn-rate"]')).trim(), '14.4');
  await page.click('[data-testid="tiers-rescale-apply"]');
  // 2 % of 90 days in 1 h: 0.02 × 2,160 h ÷ 1 h = 43.2.
  await page.waitForFunction(() => document.querySelector('[data-testid="tier-0-burn-rate"]')?.textContent.trim() === '43.2');
  assert.equal(await page.locator('[data-testid="tiers-rescale"]').count(), 0);
  // Undone, the notice is back.
  await page.click('[data-testid="undo"]');
  await page.waitForSelector('[data-testid="tiers-rescale"]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('simulate an incident: a spike pages within a minute, a slow burn only tickets', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.getByRole('button', { name: 'Spike' }).click();
  // 100 % errors for 2 minutes at 99.9 % over 30 days: the 14.4× 1 h page fires after
  // 51.84 s, seen at the first one-minute evaluation; 120 s of a 2,592 s budget is spent.
  assert.equal(await page.getAttribute('[data-testid="sim-tier-0"]', 'data-seconds'), '60');
  assert.equal((await page.textContent('[data-testid="sim-budget-percent"]')).trim(), '4.63%');
  assert.match(await page.textContent('[data-testid="sim-tier-3"]'), /never fires/);

  // Change the phase into a day of 0.5 % errors: only the tickets fire.
  await page.fill('#phase-0-duration-input', '1d');
  await page.fill('#phase-0-from-input', '0.5');
  await page.fill('#phase-0-to-input', '0.5');
  assert.match(await page.textContent('[data-testid="sim-tier-0"]'), /never fires/);
  // 3-day ticket (burn rate 1): 3 d × 0.1 % ÷ 0.5 % = 14.4 h.
  assert.equal(await page.getAttribute('[data-testid="sim-tier-3"]', 'data-seconds'), '51840');

  // The timeline answers the pointer.
  const canvas = page.locator('[data-testid="incident-chart"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const readout = await page.textContent('[data-testid="incident-chart"] [data-testid="chart-readout"]');
  assert.match(readout, /after the start/);
  assert.match(readout, /budget spent/);

  // The incident travels in the link.
  const second = await openSharedLink(app.browser, page, 'Alerts');
  assert.equal(await second.inputValue('#phase-0-duration-input'), '1d');
  await second.context().close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('dragging the error-rate line on the detection chart changes the error rate', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Alerts' }).click();
  const canvas = page.locator('[data-testid="detection-chart"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const y = box.y + box.height * 0.3;
  // Find the 2 % line as a user would: by the grab cursor.
  let grabX = null;
  for (let x = box.x + box.width * 0.2; x < box.x + box.width * 0.9; x += 1) {
    await page.mouse.move(x, y);
    if ((await canvas.getAttribute('class'))?.includes('grab-x')) { grabX = x; break; }
  }
  assert.ok(grabX !== null, 'no error-rate line found');
  assert.match(await page.textContent('[data-testid="detection-chart"] [data-testid="chart-readout"]'), /budget gone after/);
  await page.mouse.down();
  await page.mouse.move(grabX + box.width * 0.15, y, { steps: 4 });
  await page.mouse.up();
  const rate = Number(await page.inputValue('#alert-error-rate'));
  assert.ok(rate > 2 && rate <= 100, `error rate now ${rate}`);
  await context.close();
});

test('an Add button at its list\'s cap is disabled and says why', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Alerts' }).click();
  const add = page.locator('[data-testid="add-tier"]');
  for (let i = 0; i < 8 && await add.isEnabled(); i++) await add.click();
  assert.equal(await add.isDisabled(), true);
  assert.match(await page.textContent('[data-testid="add-tier-cap"]'), /A plan holds at most 8 alert tiers: remove one to add another\./);
  assert.equal(await add.getAttribute('aria-describedby'), 'add-tier-cap');
  // Removing one enables it again.
  await page.getByRole('button', { name: /^Remove tier/ }).first().click();
  assert.equal(await add.isEnabled(), true);
  assert.equal(await page.$('[data-testid="add-tier-cap"]'), null);
  await context.close();
});
