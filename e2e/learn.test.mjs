// The Learn page's glossary and the pages' links to it, against the release build in
// real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openApp } from './harness.mjs';

const app = appUnderTest();
const TERMS = ['sli', 'slo', 'sla', 'nines', 'window', 'error-budget', 'budget-policy', 'burn-rate', 'timeslice',
  'precision', 'mttd', 'mttr', 'composite', 'headroom', 'queueing', 'usl'];

test('every page\'s cards link their terms to the glossary, and the plan stays in the link', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  for (const term of TERMS) assert.ok(await page.isVisible(`[data-testid="glossary"] #term-${term}`), term);
  const links = { Targets: 'SLO', 'Error budget': 'budget policy', Alerts: 'burn rate', Capacity: 'queueing', Risk: 'SLA' };
  for (const [tab, term] of Object.entries(links)) {
    await page.getByRole('button', { name: tab, exact: true }).click();
    if (tab === 'Targets') {
      // The address bar follows an edit after a short delay: wait for the typed plan to reach it.
      const before = await page.evaluate(() => location.hash);
      await page.getByLabel('SLO target', { exact: true }).fill('99.95');
      await page.waitForFunction((old) => location.hash !== old, before);
    }
    const hash = await page.evaluate(() => location.hash);
    await page.getByRole('link', { name: `What is ${term}?` }).first().click();
    const slug = term.toLowerCase().replace(' ', '-');
    await page.waitForFunction((id) => document.activeElement?.id === id, `term-${slug}`);
    assert.ok(await page.isVisible('[data-testid="glossary"]'), tab);
    assert.equal(await page.evaluate(() => location.hash), hash, `${tab}: the link keeps the plan`);
  }
  assert.match(await page.textContent('#term-burn-rate + dd'), /error rate divided by \(1 − target\)/);
  // The plan typed on the Targets page is still the plan.
  await page.getByRole('button', { name: 'Targets', exact: true }).click();
  assert.equal(await page.getAttribute('[data-testid="downtime-30d"]', 'data-seconds'), '1296');
  assert.deepEqual(errors, []);
  await context.close();
});
