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

test('a change that would make the plan too large for its link is refused with a message; the plan kept reads back', async () => {
  // Histories are pasted as a person pastes them (Playwright's fill of a long
  // multi-line text takes Chromium's slow editing path: seconds, not milliseconds).
  const context = await app.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, errors } = await openWith(context, () => {});
  // A long demand history, little of which compresses, kept as a scenario, then
  // another history and another scenario, and so on.
  let x = 12345;
  const history = () => Array.from({ length: 1000 }, (_, i) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return `${1990 + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')}-01,${100 + x / 1e4}`;
  }).join('\n');
  // Waits until the change is either refused with the message or saved: the saved
  // plan's history holds `arg`, or it has `arg` scenarios. Resolves to whether it was
  // refused.
  const refusedElse = (what, arg) => page
    .waitForFunction(([what, arg]) => {
      if (/too large for its link/.test(document.querySelector('[data-testid="plan-error"]')?.textContent ?? '')) return 'refused';
      const plan = JSON.parse(localStorage.getItem('slo-planner/plan') ?? 'null')?.plan;
      const saved = what === 'history' ? plan?.capacity.history.includes(arg) : plan?.scenarios.length === arg;
      return saved ? 'saved' : false;
    }, [what, arg])
    .then(async (outcome) => (await outcome.jsonValue()) === 'refused');
  let kept = 0;
  for (; kept < 6; kept++) {
    const text = history();
    await page.getByRole('button', { name: 'Capacity' }).click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), text);
    await page.focus('#history');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    if (await refusedElse('history', text.slice(-30))) break;
    await page.getByRole('button', { name: 'Risk' }).click();
    await page.fill('#scenario-name', `copy ${kept + 1}`);
    await page.click('[data-testid="keep-scenario"]');
    if (await refusedElse('scenarios', kept + 1)) break;
  }
  assert.ok(kept >= 1 && kept < 6, `${kept} copies kept before the refusal`);
  assert.match(await page.textContent('[data-testid="plan-error"]'), /That change was not made: the plan would be too large for its link \(\d+ bytes; at most 32768\)\. Remove scenarios, incidents or history rows/);
  // What was kept opens again, from storage and from its link.
  await page.waitForFunction(() => location.hash.length > 20000);
  const url = page.url();
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.waitForSelector('[data-testid="scenarios"]', { timeout: 30_000 });
  assert.equal(await page.locator('[data-testid="scenarios"] th').filter({ hasText: /^copy / }).count(), kept);
  const other = await app.browser.newContext();
  const shared = await other.newPage();
  await shared.goto(url);
  await appReady(shared);
  assert.equal(await shared.$('[data-testid="plan-error"]'), null);
  assert.deepEqual(errors, []);
  await other.close();
  await context.close();
});
