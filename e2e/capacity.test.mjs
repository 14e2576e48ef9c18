// User journeys on the Capacity page, against the release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, appReady, openSharedLink } from './harness.mjs';

const app = appUnderTest();
const MONTH_MS = (365.2425 / 12) * 86_400_000; // a twelfth of the mean Gregorian year
const CISCO = new URL('../crates/slo-engine/tests/data/usl-cisco.csv', import.meta.url);

/** A page on the Capacity tab, its figures as of 2026-11-16 00:00 UTC. */
async function capacityPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Error budget' }).click();
  await page.fill('#as-of', '2026-11-16T00:00');
  await page.getByRole('button', { name: 'Capacity' }).click();
  await page.waitForSelector('[data-testid="capacity-exhaustion-date"]');
  return { page, errors };
}

const iso = (page) => page.getAttribute('[data-testid="capacity-exhaustion-date"]', 'data-iso');
const text = (page, id) => page.textContent(`[data-testid="${id}"]`).then((t) => t.trim());

test('enter a growth model and read the exhaustion date', async () => {
  const context = await app.browser.newContext();
  const { page, errors } = await capacityPage(context);

  // Linear growth: 1,000 req/s (×2 seasonal peak) growing 100 req/s a month, on 12
  // instances of 400 req/s at 70 % with one spare: (12 − 1) × 280 = 3,080 req/s usable.
  await page.getByLabel('Growth model').selectOption('linear');
  await page.getByLabel('Growth', { exact: true }).fill('100');
  assert.equal(await text(page, 'usable-now'), '3,080 req/s');
  // 2 × (1,000 + 100 m) = 3,080 after m = 5.4 months.
  const expected = new Date(Date.UTC(2026, 10, 16) + 5.4 * MONTH_MS).toISOString().slice(0, 10);
  assert.equal(await iso(page), expected);
  // Today's peak of 2,000 req/s needs ⌈2,000 ÷ 280⌉ + 1 = 9 instances.
  assert.equal(await text(page, 'instances-needed-now'), '9');

  // Compound growth of 8 % a month: ln(3,080 ÷ 2,000) ÷ ln 1.08 months.
  await page.getByLabel('Growth model').selectOption('compound');
  await page.getByLabel('Growth', { exact: true }).fill('8');
  const months = Math.log(3080 / 2000) / Math.log(1.08);
  assert.equal(await iso(page), new Date(Date.UTC(2026, 10, 16) + months * MONTH_MS).toISOString().slice(0, 10));

  // Surviving the loss of one of three zones needs more: 12 instances keep 8 working,
  // 8 × 280 = 2,240 req/s, reached after ln(2,240 ÷ 2,000) ÷ ln 1.08 months.
  await page.getByLabel('Zones (survive losing one when 2 or more)').fill('3');
  assert.equal(await text(page, 'usable-now'), '2,240 req/s');
  const zoned = Math.log(2240 / 2000) / Math.log(1.08);
  assert.equal(await iso(page), new Date(Date.UTC(2026, 10, 16) + zoned * MONTH_MS).toISOString().slice(0, 10));
  // A peak already above the usable capacity says so.
  await page.getByLabel('Seasonal peak factor').fill('3');
  assert.equal(await text(page, 'capacity-exhaustion-date'), 'already: today\'s peak is above the usable capacity');
  await page.getByLabel('Seasonal peak factor').fill('2');

  // Nonsense is refused with a message and the plan keeps its value.
  await page.getByLabel('Instances today').fill('2.5');
  assert.match(await text(page, 'instances-error'), /whole number/);
  assert.equal(await text(page, 'usable-now'), '2,240 req/s');

  // The capacity plan travels in the link.
  const second = await openSharedLink(app.browser, page, 'Capacity');
  assert.equal(await second.inputValue('#zones'), '3');
  assert.equal(await text(second, 'usable-now'), '2,240 req/s');
  await second.context().close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('fit a growth model to pasted history', async () => {
  const context = await app.browser.newContext();
  const { page, errors } = await capacityPage(context);
  await page.getByLabel('Growth model').selectOption('fit_linear');
  assert.match(await text(page, 'capacity-incomplete'), /Paste the demand history/);
  await page.fill('#history', 'date,req/s\n2026-05-16,700\n2026-07-16,800\n2026-09-16,900\n2026-11-16,1000\n');
  assert.match(await text(page, 'growth-summary'), /Fitted to 4 measurements: .* a month, R² = 1/);
  assert.equal(await page.locator('[data-testid="capacity-incomplete"]').count(), 0);
  assert.equal(await text(page, 'instances-needed-now'), '9');
  await page.fill('#history', '2026-05-16,700\nlast week,800\n');
  assert.match(await text(page, 'history-error'), /^Line 2: "last week,800" is not two columns/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('paste the USL data set and read σ and κ; queueing figures follow the load', async () => {
  const context = await app.browser.newContext();
  const { page, errors } = await capacityPage(context);

  // Erlang C at today's peak: 2,000 req/s over 12 instances × 10 ms = 1.667 Erlangs on 8 workers.
  const wait = Number(await page.getAttribute('[data-testid="erlang-wait-probability"]', 'data-value'));
  assert.ok(wait > 0 && wait < 0.01, `P(wait) ${wait}`);
  assert.ok(Number(await page.getAttribute('[data-testid="latency-percentile-ms"]', 'data-value')) < 100);
  // More load per instance: 4 workers of 40 ms each at 166.7 req/s is 6.67 Erlangs on 4: unstable.
  await page.getByLabel('Mean service time').fill('40');
  await page.getByLabel('Workers per instance').fill('4');
  assert.match(await text(page, 'queue-error'), /grows without bound/);
  await page.getByLabel('Workers per instance').fill('12');
  assert.ok(Number(await page.getAttribute('[data-testid="erlang-wait-probability"]', 'data-value')) > wait);

  // Schwartz's Cisco data set: σ ≈ 0.0267, κ ≈ 7.69e-4, λ ≈ 995.6, N_max = 35.
  await page.fill('#load-test', await readFile(CISCO, 'utf8'));
  const value = async (id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
  assert.ok(Math.abs((await value('usl-sigma')) - 0.0267) < 5e-4, `σ ${await value('usl-sigma')}`);
  assert.ok(Math.abs((await value('usl-kappa')) - 7.69e-4) < 1e-5, `κ ${await value('usl-kappa')}`);
  assert.ok(Math.abs((await value('usl-lambda')) - 995.6) < 2, `λ ${await value('usl-lambda')}`);
  assert.match(await text(page, 'usl-nmax'), /^35 \(35\.\d+\)$/);
  assert.equal(await page.locator('[data-testid="usl-chart"] canvas').count(), 1);

  // The load test's peak throughput as the capacity of an instance.
  await page.check('#usl-ceiling');
  assert.match(await text(page, 'per-instance-in-use'), /^12,3\d\d req\/s \(the load test's peak throughput\)$/);

  // Too few measurements are refused where they are typed.
  await page.fill('#load-test', '1,955\n2,1879\n');
  assert.match(await text(page, 'load-test-error'), /6/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dragging the SLO threshold on the latency chart changes it', async () => {
  const context = await app.browser.newContext();
  const { page } = await capacityPage(context);
  const canvas = page.locator('[data-testid="latency-chart"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const x = box.x + box.width * 0.4;
  // Find the threshold line as a user would: by the grab cursor.
  let grabY = null;
  for (let y = box.y + 5; y < box.y + box.height * 0.8; y += 1) {
    await page.mouse.move(x, y);
    if ((await canvas.getAttribute('class'))?.includes('grab-y')) { grabY = y; break; }
  }
  assert.ok(grabY !== null, 'no threshold line found');
  assert.match(await page.textContent('[data-testid="latency-chart"] [data-testid="chart-readout"]'), /response time/);
  await page.mouse.down();
  await page.mouse.move(x, grabY - box.height * 0.15, { steps: 4 });
  await page.mouse.up();
  const threshold = Number(await page.inputValue('#latency-ms'));
  assert.ok(threshold > 100, `threshold now ${threshold}`);
  await context.close();
});
