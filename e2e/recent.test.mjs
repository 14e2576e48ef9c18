// Recent plans: two tabs never lose each other's work, a link opened over another link
// leaves the user's own plan recoverable, and what was kept aside stays until removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, appReady } from './harness.mjs';

const app = appUnderTest();
const PREFIX = 'slo-planner/recent/';

/** A new tab of `context` showing the app at `url` (the app's own by default). */
async function tab(context, url = app.server.url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await appReady(page);
  return { page, errors };
}

/** Renames the service and waits until this tab's recent-plans entry holds the name. */
async function rename(page, name) {
  await page.fill('#service', name);
  await page.waitForFunction(
    ([prefix, name]) => Object.keys(localStorage).some((k) => k.startsWith(prefix) && localStorage.getItem(k).includes(`\\"service\\":\\"${name}\\"`)),
    [PREFIX, name],
  );
}

/** Opens the list of recent plans; resolves to the titles listed, newest first. */
async function recentTitles(page) {
  const list = page.locator('[data-testid="recent-plans"]');
  if (!(await list.evaluate((d) => d.open))) await list.locator('summary').click();
  await page.waitForSelector('[data-testid="recent-plans"] li, [data-testid="recent-none"]');
  return list.locator('li strong').allTextContents();
}

/** Clicks the list's Open button of the entry titled `title`. */
async function openRecent(page, title) {
  const titles = await recentTitles(page);
  const i = titles.indexOf(title);
  assert.notEqual(i, -1, `${title} among ${titles}`);
  await page.click(`[data-testid="recent-${i}-open"]`);
  await page.waitForFunction((t) => document.querySelector('#service')?.value === t, title);
}

/** The share link of a plan named `name`, made in a context of its own. */
async function linkTo(name) {
  const context = await app.browser.newContext();
  const { page } = await tab(context);
  await page.fill('#service', name);
  await page.waitForFunction((n) => document.querySelector('[data-testid="share-url"]').value.length > 40 && document.querySelector('.tagline').textContent.includes(n), name);
  const url = await page.inputValue('[data-testid="share-url"]');
  await context.close();
  return url;
}

test('two tabs editing different plans: each is told of the other, and both plans are in the recent plans after both close', async () => {
  const context = await app.browser.newContext();
  const a = await tab(context);
  await rename(a.page, 'alpha');
  const b = await tab(context);
  assert.equal(await b.page.inputValue('#service'), 'alpha', 'a new tab opens the last saved plan');
  await rename(b.page, 'beta');
  // The first tab hears of the second one's change, and keeps its own plan.
  await a.page.waitForSelector('[data-testid="other-tab"]');
  assert.match(await a.page.textContent('[data-testid="other-tab"]'), /Another tab changed its plan, “beta”.*This tab keeps its own plan/);
  assert.equal(await a.page.inputValue('#service'), 'alpha');
  await a.page.click('[data-testid="other-tab-keep"]');
  await rename(a.page, 'alpha-2');
  // Having kept its own, the first tab is not asked again about the same tab.
  await rename(b.page, 'beta-2');
  await a.page.waitForTimeout(300);
  assert.equal(await a.page.$('[data-testid="other-tab"]'), null);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.page.close();
  await b.page.close();

  const c = await tab(context);
  const titles = await recentTitles(c.page);
  assert.ok(titles.includes('alpha-2') && titles.includes('beta-2'), `both tabs' last plans: ${titles}`);
  await openRecent(c.page, 'alpha-2');
  await openRecent(c.page, 'beta-2');
  await context.close();
});

test("opening the other tab's plan keeps this tab's own in the recent plans", async () => {
  const context = await app.browser.newContext();
  const a = await tab(context);
  await rename(a.page, 'gamma');
  const b = await tab(context);
  await rename(b.page, 'delta');
  await a.page.waitForSelector('[data-testid="other-tab"]');
  await a.page.click('[data-testid="other-tab-open"]');
  await a.page.waitForFunction(() => document.querySelector('#service').value === 'delta');
  assert.equal(await a.page.$('[data-testid="other-tab"]'), null);
  assert.ok((await recentTitles(a.page)).includes('gamma'));
  await openRecent(a.page, 'gamma');
  await context.close();
});

test("a shared link opened over another shared link: the user's own plan is still recoverable", async () => {
  const [first, second] = [await linkTo('shared-one'), await linkTo('shared-two')];
  const context = await app.browser.newContext();
  const own = await tab(context);
  await rename(own.page, 'mine');
  await own.page.close();
  const one = await tab(context, first);
  assert.equal(await one.page.inputValue('#service'), 'shared-one');
  assert.match(await one.page.textContent('[data-testid="plan-notice"]'), /kept in Recent plans/);
  await one.page.close();
  const two = await tab(context, second);
  assert.equal(await two.page.inputValue('#service'), 'shared-two');
  const titles = await recentTitles(two.page);
  assert.ok(titles.includes('mine') && titles.includes('shared-one'), `${titles}`);
  await openRecent(two.page, 'mine');
  // Pasting a link into the address bar of the open tab keeps the plan it replaces too.
  await two.page.evaluate((hash) => { location.hash = hash; }, new URL(first).hash);
  await two.page.waitForFunction(() => document.querySelector('#service').value === 'shared-one');
  await openRecent(two.page, 'mine');
  assert.deepEqual([...own.errors, ...one.errors, ...two.errors], []);
  await context.close();
});

test('an unreadable saved plan is kept aside in the recent plans, offered for download, and stays until removed', async () => {
  const context = await app.browser.newContext();
  const newer = '{"format":"slo-planner/plan","version":99,"plan":{"from":"the future"}}';
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('slo-planner/plan', text);
      // What an earlier version kept aside joins the list as well.
      localStorage.setItem('slo-planner/plan.before-link', text.replace('99', '5').replace('{"from":"the future"}', '{"service":"legacy"}'));
      sessionStorage.setItem('seeded', '1');
    }
  }, newer);
  const { page } = await tab(context);
  assert.match(await page.textContent('[data-testid="plan-error"]'), /saved plan could not be read.*newer slo-planner.*kept aside in Recent plans/);
  await recentTitles(page);
  const unreadable = page.locator('[data-testid="recent-plans"] li[data-kind="unreadable"]');
  await unreadable.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), unreadable.locator('button', { hasText: 'Download' }).click()]);
  assert.ok(download.suggestedFilename().endsWith('.json'));
  await rename(page, 'after');
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('[data-testid="recent-plans"] li[data-kind="unreadable"]').count(), 0, 'the list is closed');
  await recentTitles(page);
  await unreadable.waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), 'slo-planner/plan.before-link'), null, 'moved into the list');
  await unreadable.locator('button', { hasText: 'Remove' }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="recent-plans"] li[data-kind="unreadable"]'));
  await context.close();
});
