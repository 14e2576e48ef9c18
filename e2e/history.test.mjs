// User journeys with observed history: the samples, a pasted Grafana CSV, a text that
// is not history, the budget it spent and its incidents added to the plan, against the
// release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, appReady, openApp } from './harness.mjs';

const app = appUnderTest();
const text = (page, id) => page.textContent(`[data-testid="${id}"]`).then((t) => t.trim());

/** Waits for the history to be read and replayed. */
async function replayed(page) {
  await page.waitForSelector('[data-testid="backtest-summary"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="history-working"]', { state: 'detached' });
}

/** Each tier's firings, as the page shows them. */
async function firings(page) {
  const counts = [];
  for (let i = 0; i < 4; i += 1) counts.push(Number(await text(page, `backtest-tier-${i}-fires`)));
  return counts;
}

/** Evaluates as Prometheus 2, which crates/slo-plan/tests/promtool.rs checks the same
 * samples against with promtool: the firings below are those promtool confirmed. */
async function asPrometheus2(page) {
  await page.selectOption('#history-prometheus', 'v2');
  await page.waitForSelector('[data-testid="history-working"]', { state: 'detached' });
}

test('the deploy sample pages once, spends budget, and its incident joins the plan', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.click('[data-testid="history-sample-deploy"]');
  await replayed(page);
  // Two counters, a month at one minute: 2 × 43,201 samples.
  assert.equal(await text(page, 'history-samples'), '86,402');
  await asPrometheus2(page);
  assert.deepEqual(await firings(page), [1, 1, 1, 1]);
  assert.equal(await text(page, 'backtest-missed'), '0');
  // The history is not in the share link, and the page says how long it would make it.
  assert.match(await text(page, 'history-link-note'), /the history stays out of it/);
  assert.ok((await page.evaluate(() => location.hash.length)) < 2_000);
  // Pyrra's tiers are compared beside the plan's.
  assert.match(await text(page, 'backtest-policies'), /Pyrra preset/);

  await page.getByRole('button', { name: 'Error budget' }).click();
  const spent = await text(page, 'budget-from-history-percent');
  assert.match(spent, /^\d+(\.\d+)?%$/);
  assert.ok(parseFloat(spent) > 10, spent);
  const incidents = 'fieldset.incident';
  const before = await page.locator(incidents).count();
  await page.click('[data-testid="history-incident-0-add"]');
  await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length === n + 1, [incidents, before]);
  // It spends in the plan's figures what it spent in the history.
  const added = await text(page, `incident-${before + 1}-spent-percent`);
  assert.ok(parseFloat(added) > 1, added);

  // The history is kept with the autosaved plan: a reload reads it again.
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await replayed(page);
  assert.equal(await text(page, 'history-samples'), '86,402');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a pasted Grafana CSV reads as its Prometheus twin; nonsense says what it looks like', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.fill('[data-testid="history-import"]', 'hello, world');
  await page.click('[data-testid="history-read"]');
  await page.waitForSelector('[data-testid="history-error"]');
  assert.match(await text(page, 'history-error'), /no samples/);

  const csv = await readFile(new URL('../assets/samples/low-traffic.csv', import.meta.url), 'utf8');
  await page.fill('#history-utc-offset', '+00:00');
  // Pasted, as a clipboard paste sets it (typing 1.4 MB would take minutes).
  await page.$eval('[data-testid="history-import"]', (area, value) => {
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, csv);
  await page.click('[data-testid="history-read"]');
  await replayed(page);
  assert.equal(await text(page, 'history-samples'), '86,402');
  assert.match(await text(page, 'history-read-summary'), /Grafana CSV/);
  await asPrometheus2(page);
  // The burst pages; the noise, at half what the SLO allows, opens no ticket.
  assert.deepEqual(await firings(page), [1, 1, 0, 1]);

  // Counting the 200s as bad is refused with what to choose.
  await page.selectOption('#history-role-0', 'bad');
  await page.waitForSelector('[data-testid="history-error"]');
  assert.match(await text(page, 'history-error'), /good or all/);
  await page.selectOption('#history-role-0', 'good');
  await page.waitForSelector('[data-testid="history-error"]', { state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});
