// User journeys with observed history: the samples, a pasted Grafana CSV, a text that
// is not history, the budget it spent and its incidents added to the plan, against the
// release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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
  await replayAfter(page, () => page.selectOption('#history-prometheus', 'v2'));
}

/** Does `change` and waits for the replay it asks for to be shown (a replay of the
 * history read shows no progress unless it is slow: the page counts the replays it
 * has shown). */
async function replayAfter(page, change) {
  const before = await page.getAttribute('[data-testid="backtest-summary"]', 'data-replays');
  await change();
  await page.waitForFunction((b) => document.querySelector('[data-testid="backtest-summary"]')
    ?.getAttribute('data-replays') !== b, before);
  await page.waitForSelector('[data-testid="history-working"]', { state: 'detached' });
}

test('the deploy sample pages once, spends budget, and its incident joins the plan', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.click('[data-testid="history-sample-deploy"]');
  await replayed(page);
  // Two counters, a month at one minute: 2 × 43,201 samples.
  assert.equal(await text(page, 'history-samples'), '86,402');
  // The summary says how long the worker took to read it.
  const readMs = Number(await page.getAttribute('[data-testid="history-read-time"]', 'data-milliseconds'));
  assert.ok(readMs > 0 && readMs < 60_000, `read in ${readMs} ms`);
  assert.match(await text(page, 'history-read-summary'), / samples of 2 series in [\d,]+ ms\.$/);
  await asPrometheus2(page);
  assert.deepEqual(await firings(page), [1, 1, 1, 1]);
  assert.equal(await text(page, 'backtest-missed'), '0');
  // The history is not in the share link, and the page says how long it would make it.
  assert.match(await text(page, 'history-link-note'), /the history stays out of it/);
  // How much longer is said once the worker has packed the text, after the replay.
  await page.waitForFunction(() => /[\d,]+ characters longer/.test(document.querySelector('[data-testid="history-link-note"]').textContent));
  assert.ok((await page.evaluate(() => location.hash.length)) < 2_000);
  // Pyrra's tiers are compared beside the plan's.
  assert.match(await text(page, 'backtest-policies'), /Pyrra preset/);
  // The deploy becomes the simulated incident: the simulator's timeline shows its tiers
  // firing on what the history recorded.
  const phaseBefore = await page.inputValue('#phase-0-duration-input');
  await page.click('[data-testid="history-incident-0-simulate"]');
  await page.waitForFunction((b) => document.querySelector('#phase-0-duration-input').value !== b, phaseBefore);
  assert.match(await page.getAttribute('[data-testid="incident-chart"] canvas', 'aria-label'), /tier 1 fires/);

  await page.getByRole('button', { name: 'Error budget' }).click();
  assert.match(await page.getAttribute('[data-testid="history-burn-down"] canvas', 'aria-label'), /error budget left .* according to the observed history/);
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

  // Its daily peaks become the Capacity page's demand history, the growth fitted to them.
  await page.getByRole('button', { name: 'Capacity' }).click();
  assert.match(await text(page, 'history-daily-peaks'), /holds 30 days \(UTC\)/);
  await page.click('[data-testid="history-capacity-fill"]');
  await page.waitForSelector('[data-testid="history-capacity-filled"]');
  assert.match(await page.inputValue('#history'), /^2026-11-01,\d/);
  assert.match(await text(page, 'growth-summary'), /^Fitted to 30 measurements/);

  // The history is kept with the autosaved plan: a reload reads it again.
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await replayed(page);
  assert.equal(await text(page, 'history-samples'), '86,402');

  // The timeline shows the history, answers the pointer, and its threshold drags.
  const timeline = page.locator('[data-testid="history-timeline"] canvas');
  assert.match(await timeline.getAttribute('aria-label'), /Timeline of the observed history/);
  await timeline.scrollIntoViewIfNeeded();
  const box = await timeline.boundingBox();
  // Find the threshold as a user would: by the grab cursor.
  let grabY = null;
  for (let y = box.y + box.height * 0.3; y < box.y + box.height * 0.95; y += 1) {
    await page.mouse.move(box.x + box.width * 0.3, y);
    if ((await timeline.getAttribute('class'))?.includes('grab-y')) { grabY = y; break; }
  }
  assert.ok(grabY !== null, 'no threshold line found');
  assert.match(await page.textContent('[data-testid="history-timeline"] [data-testid="chart-readout"]'), /UTC[\s\S]*plan: (quiet|tier)/);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, grabY - box.height * 0.15, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => Number(document.querySelector('#history-threshold').value) > 1);
  // The timeline is replayed at the threshold dragged to.
  await page.waitForFunction(() => document.querySelector('[data-testid="history-timeline"] canvas')
    .getAttribute('aria-label').includes(`above the ${document.querySelector('#history-threshold').value}× threshold`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a text that does not read is not kept in place of a sample tried after it', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.fill('[data-testid="history-import"]', 'hello, world');
  await page.click('[data-testid="history-read"]');
  await page.waitForSelector('[data-testid="history-error"]');
  await page.click('[data-testid="history-sample-deploy"]');
  await replayed(page);
  // Once packed (the note says by how much the link would grow), nothing else is kept.
  await page.waitForFunction(() => /characters longer/.test(document.querySelector('[data-testid="history-link-note"]').textContent));
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await replayed(page);
  assert.match(await text(page, 'history-read-summary'), /^Read the sample deploy\.json as /);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a pasted Grafana CSV reads as its Prometheus twin; nonsense says what it looks like', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Alerts' }).click();
  // Long work shows its progress and can be stopped: the sample is held on its way
  // until Cancel is pressed.
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/samples/slow-burn.*', async (route) => { await held; await route.continue(); });
  await page.click('[data-testid="history-sample-slow-burn"]');
  await page.click('[data-testid="history-cancel"]');
  release();
  await page.waitForSelector('[data-testid="history-cancelled"]');
  await page.waitForTimeout(1_500);
  assert.equal(await page.locator('[data-testid="history-samples"]').count(), 0, 'a cancelled reading shows nothing');

  await page.fill('[data-testid="history-import"]', 'hello, world');
  await page.click('[data-testid="history-read"]');
  await page.waitForSelector('[data-testid="history-error"]');
  assert.match(await text(page, 'history-error'), /no samples/);

  const csv = await readFile(new URL('../assets/samples/low-traffic.csv', import.meta.url), 'utf8');
  await page.fill('#history-utc-offset', '+00:00');
  // Pasted (typing 1.4 MB would take minutes): a paste this long is read at once and
  // never fills the box.
  await page.$eval('[data-testid="history-import"]', (area, value) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', value);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, csv);
  await replayed(page);
  assert.equal(await page.inputValue('[data-testid="history-import"]'), '');
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

  // Exported with the plan, forgotten, and imported again with it.
  await page.check('[data-testid="export-with-history"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.history.name, 'pasted text');
  assert.ok(exported.history.packed.length < csv.length / 3, 'the history is packed');
  await page.click('[data-testid="history-clear"]');
  await page.waitForSelector('[data-testid="history-samples"]', { state: 'detached' });
  assert.equal(await page.locator('[data-testid="export-with-history"]').count(), 0);
  await page.setInputFiles('[data-testid="import-file"]', await download.path());
  await replayed(page);
  assert.equal(await text(page, 'history-samples'), '86,402');
  assert.match(await text(page, 'history-read-summary'), /pasted text as Grafana CSV/);
  // Opened as a file (read a mebibyte at a time), it reads the same.
  await replayAfter(page, () => page.setInputFiles('[data-testid="history-file"]', fileURLToPath(new URL('../assets/samples/low-traffic.csv', import.meta.url))));
  assert.match(await text(page, 'history-read-summary'), /the file low-traffic\.csv as Grafana CSV/);
  assert.equal(await text(page, 'history-samples'), '86,402');
  assert.deepEqual(await firings(page), [1, 1, 0, 1]);
  assert.deepEqual(errors, []);
  await context.close();
});
