// Storage that is missing, blocked or full: the app says so at once, with the ways out,
// keeps working, and destroys nothing it saved before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, appReady } from './harness.mjs';

const app = appUnderTest();
const KEY = 'slo-planner/plan';

/** A page of the app whose storage `breakStorage` (run before the app) breaks. */
async function openWith(context, breakStorage, arg) {
  await context.addInitScript(breakStorage, arg);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  await appReady(page);
  return { page, errors };
}

/** Edits the target and waits for the figures to follow. */
async function editTarget(page, target, seconds) {
  await page.fill('#target', target);
  await page.waitForFunction((s) => document.querySelector('[data-testid="downtime-30d"]')?.dataset.seconds === s, seconds);
}

for (const [kind, breakStorage] of [
  ['blocked (it throws)', () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } })],
  ['missing', () => Object.defineProperty(window, 'localStorage', { get: () => null })],
  ['refusing every write', () => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }],
]) {
  test(`storage ${kind}: the app says its plan lives only in the tab and keeps working`, async () => {
    const context = await app.browser.newContext();
    const { page, errors } = await openWith(context, breakStorage);
    await page.waitForSelector('[data-testid="save-problem"]');
    assert.match(await page.textContent('[data-testid="save-problem"]'), /does not let slo-planner save anything.*Copy the link or export the plan/);
    await editTarget(page, '99.95', '1296');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('storage full: a change that cannot be saved is said at once, and the saved plan stays as it was', async () => {
  const context = await app.browser.newContext();
  const first = await context.newPage();
  await first.goto(app.server.url);
  await appReady(first);
  await editTarget(first, '99.95', '1296');
  await first.waitForFunction((k) => localStorage.getItem(k)?.includes('"target_percent":99.95'), KEY);
  await first.close();
  // From now on the storage takes small entries only, as a nearly full one does.
  const { page } = await openWith(context, () => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(value).length > 200) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  assert.equal(await page.$('[data-testid="save-problem"]'), null);
  await editTarget(page, '99.5', '12960');
  await page.waitForSelector('[data-testid="save-problem"]');
  assert.match(await page.textContent('[data-testid="save-problem"]'), /last change could not be saved.*Copy the link or export the plan/);
  assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /"target_percent":99\.95/);
  await context.close();
});

test('storage full: an unreadable saved plan that cannot be kept aside is left untouched', async () => {
  const context = await app.browser.newContext();
  const unreadable = `{"format":"slo-planner/plan","version":99,"plan":{"note":"${'x'.repeat(500)}"}}`;
  const { page } = await openWith(context, ([key, text]) => {
    localStorage.setItem(key, text);
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, value) {
      if (String(value).length > 200) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, k, value);
    };
  }, [KEY, unreadable]);
  await page.waitForSelector('[data-testid="save-problem"]');
  assert.match(await page.textContent('[data-testid="save-problem"]'), /could not be read.*left untouched/);
  await editTarget(page, '99.95', '1296');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), unreadable);
  await context.close();
});
