// The negotiation view on the Risk page: candidate targets side by side, with the
// study's odds of meeting each, made the plan in one click and undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openApp, openSharedLink, settledValue } from './harness.mjs';

const app = appUnderTest();

const value = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value').then(Number);
const text = (page, id) => page.textContent(`[data-testid="${id}"]`).then((t) => t.trim());

/** Waits until the study has answered for the targets compared now. */
async function studied(page) {
  await page.waitForSelector('[data-testid="compare-0-probability"][data-value]', { timeout: 30_000 });
}

test('candidate targets side by side, one made the plan in one click and undone', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Risk' }).click();
  await studied(page);

  // The default SLO (99.9 %) beside its neighbours.
  const targets = async () => {
    const n = await page.locator('[data-testid$="-target"][data-testid^="compare-"]').count();
    return Promise.all([...Array(n).keys()].map((j) => value(page, `compare-${j}-target`)));
  };
  assert.deepEqual(await targets(), [99.5, 99.9, 99.95]);
  // 30 days: 0.5 %, 0.1 % and 0.05 % of 2,592,000 s.
  assert.equal(await value(page, 'compare-0-budget-seconds'), 12960);
  assert.equal(await value(page, 'compare-2-budget-seconds'), 1296);
  // The what-if incident, 20 minutes of full outage: 10, 2 and 1 fit.
  assert.deepEqual(
    [await text(page, 'compare-0-fits'), await text(page, 'compare-1-fits'), await text(page, 'compare-2-fits')],
    ['10', '2', '1'],
  );
  // The plan's own target is met exactly as often as the study says; looser targets
  // at least as often.
  const odds = await Promise.all([0, 1, 2].map((j) => value(page, `compare-${j}-probability`)));
  assert.equal(odds[1], await value(page, 'risk-probability-meet-slo'));
  assert.ok(odds[0] >= odds[1] && odds[1] >= odds[2], `${odds}`);

  // Change a candidate, add one: four at most.
  await page.fill('#compare-2-input', '99.99');
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-2-target"]')?.dataset.value === '99.99');
  await page.fill('#compare-1-input', '100');
  assert.match(await text(page, 'compare-1-input-error'), /target/i);
  await page.fill('#compare-1-input', '99.9');
  await page.click('[data-testid="compare-add"]');
  assert.deepEqual(await targets(), [99.5, 99.9, 99.99, 99.995]);
  assert.equal(await page.isDisabled('[data-testid="compare-add"]'), true);
  assert.match(await text(page, 'compare-add-cap'), /at most 4 compared targets/);
  await studied(page);

  // One click makes 99.99 % the plan's target; undo takes it back.
  await page.click('[data-testid="compare-2-adopt"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-2-adopt"]')?.disabled);
  assert.equal(await text(page, 'compare-2-adopt'), "The plan's target");
  await studied(page);
  assert.equal(await value(page, 'compare-2-probability'), await value(page, 'risk-probability-meet-slo'));
  await page.getByRole('button', { name: 'Targets' }).click();
  assert.equal(await settledValue(page, '#target', '99.99'), '99.99');
  await page.click('[data-testid="undo"]');
  assert.equal(await settledValue(page, '#target', '99.9'), '99.9');

  // The compared targets travel in the link.
  const opened = await openSharedLink(app.browser, page, 'Risk');
  await studied(opened);
  assert.deepEqual(
    await Promise.all([0, 1, 2, 3].map((j) => value(opened, `compare-${j}-target`))),
    [99.5, 99.9, 99.99, 99.995],
  );
  await opened.context().close();
  assert.deepEqual(errors, []);
  await context.close();
});
