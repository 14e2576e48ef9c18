// User journeys on the Risk page, against the release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { appUnderTest, appReady, openSharedLink } from './harness.mjs';

const app = appUnderTest();
const DEFAULT = new URL('../crates/slo-plan/tests/links/v4/default.json', import.meta.url);

/** A share link (format 4) of the default plan with `change` applied to it. */
async function link(change) {
  const plan = JSON.parse(await readFile(DEFAULT, 'utf8')).plan;
  change(plan);
  const packed = deflateRawSync(Buffer.from(JSON.stringify(plan))).toString('base64url');
  return `${app.server.url}#plan=4.${packed}`;
}

/** The default risk plan's JSON, for `change` to edit. */
const RISK = {
  dependencies: {
    name: 'service', kind: 'all', availability_percent: 100, k: 1, affects_percent: 100,
    members: [],
  },
  sla_percent: 99.5,
  credits: [{ below_percent: 99.5, credit_percent: 10 }, { below_percent: 99, credit_percent: 25 }],
  revenue_per_month: 100000,
  incidents_per_month: 2,
  detect: { shape: 'exponential', minutes: 5, p90_minutes: 15 },
  repair: { shape: 'log_normal', minutes: 30, p90_minutes: 120 },
  impact_percent: 50,
  maintenance_minutes: 0,
  seed: 1,
  windows: 100000,
};
const dep = (name, availability) => ({
  name, kind: 'dependency', availability_percent: availability, k: 1, affects_percent: 100, members: [],
});

/** Opens `url` on the Risk tab and waits for the study to finish. */
async function riskPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url ?? app.server.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.waitForSelector('[data-testid="risk-probability-meet-slo"]', { timeout: 30_000 });
  return { page, errors };
}

const value = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value').then(Number);
const close = (actual, expected, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

test('the composite availability of serial, redundant and quorum dependencies', async () => {
  const context = await app.browser.newContext();
  const cases = [
    // Hard dependencies multiply: 99.9 % × 99.95 % = 99.85005 %.
    [[dep('api', 99.9), dep('db', 99.95)], 'all', 0.9985005],
    // Two redundant 99 % replicas: 1 − 0.01² = 99.99 %.
    [[dep('a', 99), dep('b', 99)], 'any', 0.9999],
    // 2-of-3 at 99.9 %: 3a²(1 − a) + a³ = 99.9997002 %.
    [[dep('a', 99.9), dep('b', 99.9), dep('c', 99.9)], 'quorum', 0.999997002],
  ];
  for (const [members, kind, expected] of cases) {
    const url = await link((p) => {
      p.risk = { ...RISK, dependencies: { ...RISK.dependencies, kind, k: 2, members } };
    });
    const { page, errors } = await riskPage(context, url);
    close(await value(page, 'composite-availability'), expected);
    assert.deepEqual(errors, []);
    await page.close();
  }

  // Editing a dependency in the tree recomputes at once; nonsense is refused.
  const url = await link((p) => {
    p.risk = { ...RISK, dependencies: { ...RISK.dependencies, members: [dep('api', 99.9), dep('db', 99.95)] } };
  });
  const { page } = await riskPage(context, url);
  await page.fill('#dep-2-availability', '99.99');
  close(await value(page, 'composite-availability'), 0.999 * 0.9999);
  await page.fill('#dep-2-availability', '101');
  assert.match(await page.textContent('[data-testid="dep-2-availability-error"]'), /from 0 to 100/);
  close(await value(page, 'composite-availability'), 0.999 * 0.9999);
  // A soft dependency: its failure touches 10 % of requests.
  await page.fill('#dep-2-affects', '10');
  close(await value(page, 'composite-availability'), 0.999 * (1 - 0.1 * 0.0001));
  // Which one dominates: the weaker.
  assert.match(await page.textContent('[data-testid="composite-dominant"]'), /^api dominates/);
  await context.close();
});

test('the simulation runs on workers with its progress, matches the closed form and a link reproduces it', async () => {
  const context = await app.browser.newContext();
  // A million windows: long enough to watch the progress bar move.
  const url = await link((p) => { p.risk = { ...RISK, windows: 1000000, dependencies: { ...RISK.dependencies, members: [dep('db', 99.95)] } }; });
  const page = await context.newPage();
  await page.goto(url);
  await appReady(page);
  await page.getByRole('button', { name: 'Risk' }).click();
  const seen = new Set();
  for (let i = 0; i < 200 && !(await page.$('[data-testid="risk-probability-meet-slo"]')); i++) {
    const bar = await page.$('#risk-progress-bar');
    if (bar) seen.add(await bar.getAttribute('value'));
    // The page answers while it computes: the target field takes input.
    await page.waitForTimeout(25);
  }
  await page.waitForSelector('[data-testid="risk-probability-meet-slo"]', { timeout: 60_000 });
  assert.ok(seen.size >= 3, `progress values seen: ${[...seen]}`);

  // Two incidents a month over 30 days, each 5 min (exponential mean) + 30 min median
  // log-normal repair with p90 2 h, failing half the requests. The mean of a
  // log-normal is median × exp(σ²/2), σ = ln(p90 / median) / 1.2815515655446004.
  const sigma = Math.log(4) / 1.2815515655446004;
  const perWindow = 2 * (30 / (365.2425 / 12));
  const downtime = perWindow * (300 + 1800 * Math.exp((sigma * sigma) / 2)) * 0.5;
  const expected = 1 - downtime / (30 * 86400);
  const mean = await value(page, 'risk-expected-availability');
  // Within sampling error (the standard error of the mean is about 2e-6 here).
  close(mean, expected, 2e-5);
  const meet = await value(page, 'risk-probability-meet-slo');
  assert.ok(meet > 0 && meet < 1, `${meet}`);
  const credit = await value(page, 'sla-expected-credit');
  assert.ok(credit > 0 && credit < 100000 * 0.25, `${credit}`);
  const timing = await page.getAttribute('[data-testid="risk-timing"]', 'data-base-ms');
  assert.ok(Number(timing) > 0);

  // The same link in a fresh browser gives the same figures, to the last digit.
  const again = await openSharedLink(app.browser, page, 'Risk');
  await again.waitForSelector('[data-testid="risk-probability-meet-slo"]', { timeout: 60_000 });
  assert.equal(await value(again, 'risk-probability-meet-slo'), meet);
  assert.equal(await value(again, 'risk-expected-availability'), mean);
  await again.context().close();

  // Another seed, another sample.
  await page.fill('#seed', '7');
  await page.waitForFunction((m) => {
    const e = document.querySelector('[data-testid="risk-probability-meet-slo"]');
    return e && Number(e.dataset.value) !== m;
  }, meet, { timeout: 60_000 });
  await context.close();
});

test('SLA credits, the levers and scenarios side by side travel in the link', async () => {
  const context = await app.browser.newContext();
  const { page, errors } = await riskPage(context);
  // The best lever is named and every lever helps.
  assert.match(await page.textContent('[data-testid="risk-best-lever"]'), /buys the most/);
  const base = await value(page, 'risk-probability-meet-slo');

  // No revenue, no credit.
  await page.fill('#revenue', '0');
  await page.waitForFunction(() => document.querySelector('[data-testid="sla-expected-credit"]')?.dataset.value === '0');
  await page.fill('#revenue', '100000');
  await page.waitForSelector('[data-testid="sla-expected-credit"]');

  // Keep the plan as a scenario, then tighten the target: two columns.
  await page.fill('#scenario-name', '99.9% today');
  await page.getByRole('button', { name: 'Keep this plan as a scenario' }).click();
  await page.getByRole('button', { name: 'Targets' }).click();
  await page.fill('#target', '99.95');
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.waitForSelector('[data-testid="scenario-1-budget-seconds"]', { timeout: 30_000 });
  assert.equal(await value(page, 'scenario-0-budget-seconds'), 1296);
  assert.equal(await value(page, 'scenario-1-budget-seconds'), 2592);
  assert.equal(await value(page, 'scenario-1-probability'), base);
  assert.ok((await value(page, 'scenario-0-probability')) < base);
  assert.match(await page.textContent('[data-testid="scenarios"]'), /99\.9% today/);

  // The scenario is part of the plan: a fresh browser opening the link sees it.
  const opened = await openSharedLink(app.browser, page, 'Risk');
  await opened.waitForSelector('[data-testid="scenario-1-budget-seconds"]', { timeout: 30_000 });
  assert.match(await opened.textContent('[data-testid="scenarios"]'), /99\.9% today/);
  await opened.context().close();

  // Opening the scenario brings its target back.
  await page.getByRole('button', { name: 'Open scenario 99.9% today' }).click();
  await page.getByRole('button', { name: 'Targets' }).click();
  assert.equal(await page.inputValue('#target'), '99.9');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dragging the SLO line on the distribution changes the target', async () => {
  const context = await app.browser.newContext();
  const { page } = await riskPage(context);
  const canvas = page.locator('[data-testid="risk-histogram"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const y = box.y + box.height * 0.5;
  // From the right: the SLO line (99.9 %) stands right of the SLA's (99.5 %).
  let grabX = null;
  for (let x = box.x + box.width * 0.97; x > box.x + box.width * 0.15; x -= 1) {
    await page.mouse.move(x, y);
    if ((await canvas.getAttribute('class'))?.includes('grab-x')) { grabX = x; break; }
  }
  assert.ok(grabX !== null, 'no target line found');
  assert.match(await page.textContent('[data-testid="risk-histogram"] [data-testid="chart-readout"]'), /share of windows/);
  await page.mouse.down();
  await page.mouse.move(grabX - box.width * 0.1, y, { steps: 4 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Targets' }).click();
  const target = Number(await page.inputValue('#target'));
  assert.ok(target !== 99.9 && target > 90 && target < 100, `target now ${target}`);
  await context.close();
});

/** The Risk page of the v4 corpus plan in a browser reporting `cores` cores. */
async function corpusStudy(cores) {
  const context = await app.browser.newContext();
  await context.addInitScript((n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }), cores);
  const fragment = (await readFile(new URL('../crates/slo-plan/tests/links/v4/risk-quorum-soft-credits-scenarios.link', import.meta.url), 'utf8')).trim();
  const page = await context.newPage();
  await page.goto(`${app.server.url}#${fragment}`);
  await appReady(page);
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.waitForSelector('[data-testid="risk-timing"]', { timeout: 60_000 });
  const figures = {};
  for (const id of ['risk-probability-meet-slo', 'risk-expected-availability', 'sla-expected-credit', 'scenario-1-probability']) {
    figures[id] = await page.getAttribute(`[data-testid="${id}"]`, 'data-value');
  }
  return { context, page, figures, workers: await page.getAttribute('[data-testid="risk-timing"]', 'data-workers') };
}

test('the study runs on one worker per core, at most four, with the same figures on any number', async () => {
  // The figures pinned natively (crates/slo-plan/src/report/risk.rs) for this plan.
  const pinned = { 'risk-probability-meet-slo': '0.52005', 'scenario-1-probability': '0', 'sla-expected-credit': '59132.631060195' };
  const runs = [];
  for (const cores of [1, 2, 8]) {
    const run = await corpusStudy(cores);
    runs.push(run);
    assert.equal(run.workers, `${Math.min(cores, 4)} worker${cores === 1 ? '' : 's'}`);
    for (const [id, v] of Object.entries(pinned)) assert.equal(run.figures[id], v, `${id} on ${cores} cores`);
    assert.deepEqual(run.figures, runs[0].figures);
    await run.context.close();
  }
});

test('a running study can be stopped and run again', async () => {
  const context = await app.browser.newContext();
  const url = await link((p) => { p.risk = { ...RISK, windows: 1000000 }; });
  const page = await context.newPage();
  await page.goto(url);
  await appReady(page);
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.click('[data-testid="risk-stop"]');
  assert.match(await page.textContent('[data-testid="risk-stopped"]'), /^Stopped after \d+% of the simulation/);
  assert.equal(await page.$('[data-testid="risk-probability-meet-slo"]'), null);
  await page.click('[data-testid="risk-run"]');
  await page.waitForSelector('[data-testid="risk-probability-meet-slo"]', { timeout: 60_000 });
  // A change while it runs starts the study of the new plan: the figures are its own.
  await page.fill('#seed', '2');
  await page.waitForSelector('[data-testid="risk-progress"]');
  await page.fill('#seed', '1');
  await page.waitForSelector('[data-testid="risk-timing"]', { timeout: 60_000 });
  const once = await page.getAttribute('[data-testid="risk-probability-meet-slo"]', 'data-value');
  const again = await openSharedLink(app.browser, page, 'Risk');
  await again.waitForSelector('[data-testid="risk-probability-meet-slo"]', { timeout: 60_000 });
  assert.equal(await again.getAttribute('[data-testid="risk-probability-meet-slo"]', 'data-value'), once);
  await again.context().close();
  await context.close();
});

test('the Add buttons of credit tiers and dependencies at their caps are disabled and say why', async () => {
  const context = await app.browser.newContext();
  const { page, errors } = await riskPage(context);
  const credit = page.locator('[data-testid="add-credit"]');
  for (let i = 0; i < 8 && await credit.isEnabled(); i++) await credit.click();
  assert.equal(await credit.isDisabled(), true);
  assert.match(await page.textContent('[data-testid="add-credit-cap"]'), /A plan holds at most 8 SLA credit tiers: remove one to add another\./);
  // 40 dependencies and groups: the root group and 39 members.
  const member = page.locator('[data-testid="add-member-0"]');
  for (let i = 0; i < 40 && await member.isEnabled(); i++) await member.click();
  assert.equal(await member.isDisabled(), true);
  assert.equal(await page.locator('li.dep').count(), 40);
  assert.match(await page.textContent('[data-testid="add-member-0-cap"]'), /at most 40 dependencies and groups/);
  // Turning a dependency into a group would add a 41st: refused with the reason.
  await page.selectOption('#dep-1-kind', 'any');
  assert.match(await page.textContent('[data-testid="plan-error"]'), /That change was not made: .*at most 40 dependencies and groups/);
  assert.equal(await page.locator('li.dep').count(), 40);
  assert.deepEqual(errors, []);
  await context.close();
});

test('workers that fail to load are said after a while, in the study and the share bar, and Try again runs the study once they load', async () => {
  const context = await app.browser.newContext();
  // As after a deploy that removed this build's worker files.
  const block = (route) => route.abort();
  await context.route('**/*slo-worker*', block);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await appReady(page);
  // The share bar's worker, asked for the report, fails the same way.
  await page.click('[data-testid="export-markdown"]');
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.waitForSelector('[data-testid="risk-progress"]');
  await page.waitForSelector('[data-testid="risk-silent"]', { timeout: 40_000 });
  await page.waitForSelector('[data-testid="share-silent"]', { timeout: 10_000 });
  assert.match(await page.textContent('[data-testid="share-silent"]'), /did not answer for 20 seconds.*The link and the JSON export work without it/);
  assert.match(await page.textContent('[data-testid="risk-silent"]'), /did not answer for 20 seconds.*reloading the page fixes that/);
  // The rest of the page works meanwhile.
  await page.fill('#dep-1-availability', '99.9');
  assert.equal(await page.$('[data-testid="risk-silent"]'), null, 'a new plan runs the study again');
  await page.waitForSelector('[data-testid="risk-silent"]', { timeout: 40_000 });
  await context.unroute('**/*slo-worker*', block);
  await page.click('[data-testid="risk-retry"]');
  await page.waitForSelector('[data-testid="risk-probability-meet-slo"]', { timeout: 30_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
