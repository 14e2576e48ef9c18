// User journeys on the Budget page, against the release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, appReady, openApp } from './harness.mjs';

const app = appUnderTest();

async function openBudget(page) {
  await page.getByRole('button', { name: 'Error budget' }).click();
  await page.waitForSelector('[data-testid="budget-remaining-percent"]');
}

async function figures(page) {
  const text = (id) => page.textContent(`[data-testid="${id}"]`).then((t) => t.trim());
  return {
    total: await page.getAttribute('[data-testid="budget-total-seconds"]', 'data-seconds'),
    events: await text('budget-total-events'),
    consumed: await text('budget-consumed-percent'),
    remaining: await text('budget-remaining-percent'),
    exhausted: await page.getAttribute('[data-testid="budget-exhausted-at"]', 'data-iso'),
    exhaustedText: await text('budget-exhausted-at'),
    policy: await text('policy-state'),
  };
}

test('enter two incidents, read the budget left and when it runs out; reload and share keep them', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await appReady(page);
  await page.selectOption('#window', 'month');
  await page.selectOption('#sli-kind', 'time');
  await openBudget(page);
  await page.getByLabel('Figures as of (UTC)').fill('2026-11-16T00:00');

  await page.click('[data-testid="add-incident"]');
  await page.fill('#incident-1-start', '2026-11-03T10:00');
  await page.fill('#incident-1-duration', '20m');
  assert.equal(await page.textContent('[data-testid="incident-1-spent-percent"]'), '46.3%');
  await page.click('[data-testid="add-incident"]');
  await page.fill('#incident-2-start', '2026-11-10T08:00');
  await page.fill('#incident-2-duration', '10m');

  const expected = {
    total: '2592', // 99.9 % of November's 30 days
    events: '259,200',
    consumed: '69.44%',
    remaining: '30.56%',
    exhausted: '2026-11-22T14:24:00Z', // 792 s left at 1,800 s per 15 days
    exhaustedText: '22 Nov 2026, 14:24 UTC',
    policy: '30.6% of the budget left, at or below 50%: review the reliability work in the next planning.',
  };
  assert.deepEqual(await figures(page), expected);

  // A steady error rate below the budget rate never exhausts it this month.
  await page.selectOption('#forecast', 'steady');
  await page.fill('#steady-error-rate', '0.01');
  assert.equal(await page.textContent('[data-testid="budget-exhausted-at"]'), 'not within window');
  assert.equal(await page.getAttribute('[data-testid="budget-exhausted-at"]', 'data-iso'), null);
  await page.selectOption('#forecast', 'history');
  assert.deepEqual(await figures(page), expected);

  // Reload: the plan comes back from storage.
  await page.waitForFunction(() => location.hash.length > 10);
  await page.reload();
  await appReady(page);
  await openBudget(page);
  assert.deepEqual(await figures(page), expected);

  // Share: the link opens the same figures in a fresh browser.
  const link = await page.inputValue('[data-testid="share-url"]');
  const other = await app.browser.newContext();
  const second = await other.newPage();
  await second.goto(link);
  await appReady(second);
  await openBudget(second);
  assert.deepEqual(await figures(second), expected);
  await other.close();

  assert.deepEqual(errors, []);
  await context.close();
});

test('impossible incident input is refused with a message and the figures stay', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  await openBudget(page);
  await page.click('[data-testid="add-incident"]');
  const before = await page.textContent('[data-testid="budget-remaining-percent"]');
  await page.fill('#incident-1-impact', '150');
  assert.match(await page.textContent('[data-testid="incident-1-impact-error"]'), /at most 100%/);
  await page.fill('#incident-1-duration', '-5m');
  assert.match(await page.textContent('[data-testid="incident-1-duration-error"]'), /not a duration|above 0/);
  await page.fill('#incident-1-start', '2026-02-30T10:00');
  assert.match(await page.textContent('[data-testid="incident-1-start-error"]'), /not a date/);
  assert.equal(await page.textContent('[data-testid="budget-remaining-percent"]'), before);
  await context.close();
});

test('dragging a policy line changes its threshold', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  await openBudget(page);
  const canvas = page.locator('[data-testid="burn-down-chart"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // Find the 50 % line as a user would: by the grab cursor.
  let grabY = null;
  for (let y = box.y + box.height * 0.15; y < box.y + box.height * 0.7; y += 1) {
    await page.mouse.move(box.x + box.width * 0.3, y);
    if ((await canvas.getAttribute('class'))?.includes('grab-y')) { grabY = y; break; }
  }
  assert.ok(grabY !== null, 'no policy line found');
  const readout = await page.textContent('[data-testid="chart-readout"]');
  assert.match(readout, /% of the budget left/);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, grabY - box.height * 0.1, { steps: 4 });
  await page.mouse.up();
  const moved = Number(await page.inputValue('#policy-1-percent'));
  assert.ok(moved > 50 && moved <= 100, `threshold now ${moved}`);
  await context.close();
});

test('dragging an incident on the burn-down moves its start', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.selectOption('#window', 'month');
  await openBudget(page);
  await page.getByLabel('Figures as of (UTC)').fill('2026-11-16T00:00');
  await page.click('[data-testid="add-incident"]');
  await page.fill('#incident-1-start', '2026-11-05T00:00');
  await page.fill('#incident-1-duration', '6h');
  const canvas = page.locator('[data-testid="burn-down-chart"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // The band spans the plot's height, below the legend's rows: look for it at a few
  // heights, away from the policy lines.
  let grabX = null;
  let y = null;
  for (const share of [0.25, 0.3, 0.2, 0.35]) {
    y = box.y + box.height * share;
    for (let x = box.x + box.width * 0.05; x < box.x + box.width * 0.6 && grabX === null; x += 2) {
      await page.mouse.move(x, y);
      if ((await canvas.getAttribute('class'))?.includes('grab-x')) grabX = x;
    }
    if (grabX !== null) break;
  }
  assert.ok(grabX !== null, 'incident band not found');
  await page.mouse.down();
  await page.mouse.move(grabX + box.width * 0.1, y, { steps: 4 });
  await page.mouse.up();
  const start = await page.inputValue('#incident-1-start');
  assert.ok(start > '2026-11-06T00:00:00Z' && start < '2026-11-10T00:00:00Z', `start now ${start}`);
  await context.close();
});

test('price a failure: the budget, every SLO on the Overview and a shared link say what it is worth', async () => {
  const { context, page, errors } = await openApp(app);
  await openBudget(page);
  assert.equal(await page.locator('[data-testid="budget-money"]').count(), 0);
  await page.selectOption('#cost-basis', 'outage-minute');
  await page.fill('#cost-amount', '50');
  await page.fill('#currency', 'eur');
  // 99.9 % of 30 days is 43m 12s of full outage: 43.2 minutes at EUR 50.
  await page.waitForFunction(() => document.querySelector('[data-testid="budget-money"]')?.textContent.startsWith('The budget is worth EUR 2,160'));
  // Nonsense is refused at the field, and the price stays.
  await page.fill('#cost-amount', '-5');
  await page.locator('#cost-amount').blur();
  await page.waitForSelector('#cost-amount-error');
  assert.match(await page.textContent('#cost-amount-error'), /from 0 to/);
  assert.match(await page.textContent('[data-testid="budget-money"]'), /EUR 2,160/);
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  await page.waitForSelector('[data-testid="slo-0-worth"]');
  assert.equal(await page.textContent('[data-testid="slo-0-worth"]'), ', worth EUR 2,160 (EUR 2,160 left)');
  // The link carries the price.
  await page.waitForFunction(() => location.hash.length > 10);
  const link = await page.inputValue('[data-testid="share-url"]');
  const other = await app.browser.newContext();
  const second = await other.newPage();
  await second.goto(link);
  await second.waitForSelector('[data-testid="slo-0-worth"]');
  assert.equal(await second.textContent('[data-testid="slo-0-worth"]'), ', worth EUR 2,160 (EUR 2,160 left)');
  await other.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the date of the figures and an incident start can be picked, read as UTC', async () => {
  const { context, page, errors } = await openApp(app);
  await openBudget(page);
  // The picker shows the figures' date to the minute (a new plan's is now).
  assert.equal(await page.inputValue('#as-of-picker'), (await page.inputValue('#as-of')).slice(0, 16));
  await page.fill('#as-of-picker', '2026-11-20T08:15');
  await page.waitForFunction(() => document.querySelector('#as-of')?.value === '2026-11-20T08:15:00Z');
  await page.click('[data-testid="add-incident"]');
  // A new incident starts a day before the figures' date; picking moves it.
  await page.waitForSelector('#incident-1-start-picker');
  assert.equal(await page.inputValue('#incident-1-start-picker'), '2026-11-19T08:15');
  await page.fill('#incident-1-start-picker', '2026-11-18T22:40');
  await page.waitForFunction(() => document.querySelector('#incident-1-start')?.value === '2026-11-18T22:40:00Z');
  assert.deepEqual(errors, []);
  await context.close();
});
