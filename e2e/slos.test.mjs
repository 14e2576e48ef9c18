// A service with several SLOs: the list on Targets, templates, every page showing the
// selected SLO, incidents naming the SLOs they hurt, rules that follow the plan, and
// links of earlier versions opening as one SLO.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, appReady, openApp, seconds, settledValue } from './harness.mjs';

const app = appUnderTest();

const dataSeconds = (page, testId) => page.getAttribute(`[data-testid="${testId}"]`, 'data-seconds');

test('a latency SLO from a template sits beside the first, every page shows the selected one, and an incident spends only the budgets it names', async () => {
  const { context, page, errors } = await openApp(app);
  assert.equal(await page.locator('[data-testid="slo-list"] tbody tr').count(), 1);
  assert.equal(await page.textContent('[data-testid="slo-0-target"]'), '99.9%');
  assert.equal(await dataSeconds(page, 'slo-0-budget-seconds'), '2592');

  // HTTP API's latency SLO: 99 % of requests within 300 ms over 28 days.
  await page.selectOption('[data-testid="slo-template"]', '0-1');
  await page.click('[data-testid="add-slo"]');
  await page.waitForSelector('[data-testid="slo-1"]');
  assert.equal(await page.textContent('[data-testid="slo-1-target"]'), '99%');
  assert.equal(await dataSeconds(page, 'slo-1-budget-seconds'), '24192');
  assert.equal(await dataSeconds(page, 'slo-0-budget-seconds'), '2592');
  // The page now shows the new SLO.
  assert.equal(await settledValue(page, '#target', '99'), '99');
  assert.equal(await settledValue(page, '#latency-threshold', '300'), '300');
  assert.equal(await seconds(page, '30d'), '25920');
  assert.equal(await page.getAttribute('[data-testid="slo-1"]', 'aria-current'), 'true');

  // Capacity says which SLO it shows, and plans for the latency SLO instead of a copy.
  await page.getByRole('button', { name: 'Capacity' }).click();
  assert.equal(await page.$eval('[data-testid="slo-select"]', (s) => s.selectedOptions[0].textContent), 'latency');
  assert.match(await page.textContent('[data-testid="latency-source"]'), /^From the SLO “latency”: 99% of requests within 300 ms/);
  assert.equal(await page.$('#latency-ms'), null);

  // An incident that hurts only availability spends none of the latency budget.
  await page.getByRole('button', { name: 'Error budget' }).click();
  await page.click('[data-testid="add-incident"]');
  assert.equal(await page.isChecked('[data-testid="incident-1-slo-0"]'), true);
  assert.equal(await page.isChecked('[data-testid="incident-1-slo-1"]'), true);
  await page.waitForSelector('[data-testid="incident-1-spent-percent"]');
  await page.uncheck('[data-testid="incident-1-slo-1"]');
  await page.waitForSelector('[data-testid="incident-1-elsewhere"]');
  assert.equal(await page.$('[data-testid="incident-1-spent-percent"]'), null);
  await page.selectOption('[data-testid="slo-select"]', '0');
  await page.waitForSelector('[data-testid="incident-1-spent-percent"]');
  // A 30-minute full outage is 1,800 s of a 2,592 s budget.
  assert.equal(await page.textContent('[data-testid="incident-1-spent-percent"]'), '69.44%');
  await page.getByRole('button', { name: 'Targets' }).click();
  assert.equal(await page.textContent('[data-testid="slo-0-left"]'), '30.56%');
  assert.equal(await page.textContent('[data-testid="slo-1-left"]'), '100%');

  // The rules hold a group per SLO, with the latency SLI's histogram, and follow the
  // service's name.
  await page.fill('#service', 'checkout');
  await page.getByRole('button', { name: 'Alerts' }).click();
  const rules = await page.inputValue('[data-testid="rules-yaml"]');
  assert.match(rules, /- name: "slo-planner 1 availability"/);
  assert.match(rules, /- name: "slo-planner 2 latency"/);
  assert.match(rules, /http_request_duration_seconds_bucket\{job="checkout",le="0.3"\}/);
  assert.match(rules, /http_requests_total\{job="checkout",code=~"5.."\}/);
  assert.doesNotMatch(rules, /my-service/);
  assert.ok(await page.$('[data-testid="metric-follows"]'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a counter that is not a PromQL selector is named, with what would fix it', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.fill('#metric-numerator', 'rate(http_requests_total{code=~"5.."}[5m])');
  const error = await page.waitForSelector('[data-testid="selector-error"]', { timeout: 20_000 });
  assert.match(await error.textContent(), /bad \(or good\) events counter: This is an expression, not a selector/);
  assert.match(await error.textContent(), /Prometheus would refuse the rules/);
  await page.fill('#metric-numerator', 'http_requests_total{code=~"5.."');
  await page.waitForFunction(() => /not valid PromQL/.test(document.querySelector('[data-testid="selector-error"]')?.textContent ?? ''));
  await page.fill('#metric-numerator', 'http_requests_total{job="checkout",code=~"5.."}');
  await page.waitForSelector('[data-testid="selector-ok"]', { timeout: 20_000 });
  assert.equal(await page.$('[data-testid="selector-error"]'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('SLOs are duplicated, reordered, renamed and removed, each undoable, and the link carries them all', async () => {
  const { context, page, errors } = await openApp(app);
  await page.click('[data-testid="slo-0-duplicate"]');
  await page.waitForSelector('[data-testid="slo-1"]');
  assert.equal(await page.textContent('[data-testid="slo-1-select"]'), 'availability (copy)');
  await page.fill('#slo-name', 'strict availability');
  await page.fill('#target', '99.99');
  await page.waitForFunction(() => document.querySelector('[data-testid="slo-1-target"]').textContent === '99.99%');
  await page.click('[data-testid="slo-1-up"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="slo-0-select"]').textContent === 'strict availability');
  assert.equal(await page.textContent('[data-testid="slo-1-select"]'), 'availability');
  // The link opens to both SLOs, the selected one shown.
  await page.waitForFunction(() => location.hash.length > 10);
  const shared = await context.newPage();
  await shared.goto(await page.inputValue('[data-testid="share-url"]'));
  await appReady(shared);
  assert.equal(await shared.textContent('[data-testid="slo-0-select"]'), 'strict availability');
  assert.equal(await shared.textContent('[data-testid="slo-1-target"]'), '99.9%');
  assert.equal(await settledValue(shared, '#target', '99.99'), '99.99');
  await shared.close();
  // Remove it, then undo the removal.
  await page.click('[data-testid="slo-0-remove"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="slo-1"]'));
  assert.equal(await page.isDisabled('[data-testid="slo-0-remove"]'), true);
  await page.click('[data-testid="undo"]');
  await page.waitForSelector('[data-testid="slo-1"]');
  assert.equal(await page.textContent('[data-testid="slo-0-select"]'), 'strict availability');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link of every earlier version opens as a service with one SLO', async () => {
  const { context, page, errors } = await openApp(app);
  for (const version of [1, 2, 3, 4, 5]) {
    const link = (await readFile(new URL(`../crates/slo-plan/tests/links/v${version}/latency-calendar-month.link`, import.meta.url), 'utf8')).trim();
    const opened = await context.newPage();
    opened.on('pageerror', (e) => errors.push(e.message));
    await opened.goto(`${app.server.url}#${link}`);
    await appReady(opened);
    assert.equal(await opened.locator('[data-testid="slo-list"] tbody tr').count(), 1, `v${version}`);
    assert.equal(await opened.textContent('[data-testid="slo-0-select"]'), 'latency', `v${version}`);
    assert.equal(await opened.textContent('[data-testid="slo-0-target"]'), '99.5%', `v${version}`);
    await opened.close();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the overview shows every SLO at a glance with the warnings of every page, and prints on one page', async () => {
  const { context, page, errors } = await openApp(app);
  await page.selectOption('[data-testid="slo-template"]', '0-1');
  await page.click('[data-testid="add-slo"]');
  await page.waitForSelector('[data-testid="slo-1"]');
  // A target above what the dependencies allow is warned of on the overview.
  await page.fill('#target', '99.999');
  assert.match(await page.textContent('[data-testid="ceiling-warning"]'), /above the 99\.91752% the dependencies allow/);
  await page.getByRole('button', { name: 'Overview' }).click();
  await page.waitForSelector('[data-testid="overview"]');
  assert.equal(await page.textContent('[data-testid="slo-0-target"]'), '99.9%');
  assert.equal(await dataSeconds(page, 'slo-0-budget-seconds'), '2592');
  assert.equal(await page.textContent('[data-testid="slo-1-target"]'), '99.999%');
  // SRE Workbook, table 5-8: at 2 % errors the 14.4× 1 h page fires after 43.2 min.
  assert.equal(await page.textContent('[data-testid="slo-0-page"]'), '43m 12s at 2% errors');
  assert.match(await page.textContent('[data-testid="overview-warnings"]'), /latency: the target 99\.999% is above the .*% the dependencies allow/);
  // Each SLO's odds, simulated by the worker: the selected one's are its Risk page's.
  await page.waitForSelector('[data-testid="slo-1-probability"][data-value]', { timeout: 30_000 });
  const odds = [
    Number(await page.getAttribute('[data-testid="slo-0-probability"]', 'data-value')),
    Number(await page.getAttribute('[data-testid="slo-1-probability"]', 'data-value')),
  ];
  assert.ok(odds[1] < odds[0], `99.999 % is met less often than 99.9 %: ${odds}`);
  await page.emulateMedia({ media: 'print' });
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal(pdf.match(/\/Type\s*\/Page(?!s)/g).length, 1);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.waitForSelector('[data-testid="risk-probability-meet-slo"]', { timeout: 30_000 });
  assert.equal(Number(await page.getAttribute('[data-testid="risk-probability-meet-slo"]', 'data-value')), odds[1]);
  assert.deepEqual(errors, []);
  await context.close();
});
