// The Learn page's lessons and glossary, and the pages' links to it, against the release
// build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openApp, seconds } from './harness.mjs';

const app = appUnderTest();
const SLUGS = ['nines', 'error-budget', 'burn-rate', 'alert-quality', 'composite', 'queueing'];
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

async function learnPage() {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  return { context, page, errors };
}

const figures = (page, slug) => page.textContent(`[data-testid="lesson-${slug}-figures"]`);

test('every lesson shows its example, and moving its number moves its figures', async () => {
  const { context, page, errors } = await learnPage();
  for (const slug of SLUGS) {
    assert.ok(await page.isVisible(`[data-testid="lesson-${slug}"]`), slug);
    assert.ok((await figures(page, slug)).length > 20, slug);
  }
  // SRE book, Appendix A: 99.9 % allows 43m 12s per 30 days; 99.99 %, 4m 19s.
  assert.match(await figures(page, 'nines'), /per 30 days43m 12s/);
  await page.fill('#lesson-nines-input', '99.99');
  assert.match(await figures(page, 'nines'), /per 30 days4m 19s/);
  // SRE Workbook, ch. 5: 14.4× spends 2 % of a 30-day budget an hour.
  assert.match(await figures(page, 'burn-rate'), /Budget spent per hour2%/);
  await page.fill('#lesson-composite-input', '99');
  assert.match(await figures(page, 'composite'), /Three in series \(all needed\)97\.0299%/);
  await page.fill('#lesson-queueing-input', '100');
  assert.match(await page.textContent('[data-testid="lesson-queueing-input-error"]'), /from 1 to 99 %/);
  await page.fill('#lesson-queueing-input', '50');
  assert.match(await figures(page, 'queueing'), /Requests per second40/);
  assert.deepEqual(errors, []);
  await context.close();
});
test('try it in your plan opens the real page with the lesson number', async () => {
  const { context, page, errors } = await learnPage();
  await page.fill('#lesson-nines-input', '99.95');
  await page.click('[data-testid="lesson-nines-try"]');
  await page.waitForSelector('[data-testid="downtime-30d"]');
  assert.equal(await seconds(page, '30d'), '1296');
  assert.match(await page.textContent('[data-testid="plan-notice"]'), /lesson/);
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  // The learner's numbers are still there after a visit to another page.
  assert.equal(await page.inputValue('#lesson-nines-input'), '99.95');
  assert.match(await figures(page, 'nines'), /per 30 days21m 36s/);
  await page.fill('#lesson-alert-quality-input', '5');
  await page.click('[data-testid="lesson-alert-quality-try"]');
  assert.equal(await page.inputValue('#alert-error-rate'), '5');
  assert.deepEqual(errors, []);
  await context.close();
});
