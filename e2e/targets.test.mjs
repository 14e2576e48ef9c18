// User journeys on the Targets page, against the release build in real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, appReady, seconds, settledValue } from './harness.mjs';

const app = appUnderTest();

async function freshPage(options = {}) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, errors };
}

test('set a target, read the downtimes, share the link, open it elsewhere', async () => {
  const { context, page, errors } = await freshPage({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(app.server.url);
  await appReady(page);
  assert.equal(await seconds(page, '30d'), '2592');

  await page.getByLabel('SLO target', { exact: true }).fill('99.95');
  assert.equal(await seconds(page, '30d'), '1296');
  assert.equal(await seconds(page, '1d'), '43.2');
  assert.equal(await seconds(page, 'year'), '15778.476');
  assert.equal((await page.textContent('[data-testid="downtime-30d"]')).trim(), '21m 36s');
  assert.equal(await page.getAttribute('[data-testid="downtime-30d"]', 'title'), '1,296 s');
  await page.getByLabel('Mean traffic').fill('250');
  assert.equal(await page.getAttribute('[data-testid="bad-requests-30d"]', 'data-count'), '324000');

  await page.click('[data-testid="copy-link"]');
  await page.waitForSelector('[data-testid="copy-status"]:has-text("Link copied")');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#plan=8\./);
  assert.ok(link.length < 2000, `link is ${link.length} characters`);
  assert.equal(await page.inputValue('[data-testid="share-url"]'), link);

  const other = await freshPage();
  await other.page.goto(link);
  await appReady(other.page);
  assert.equal(await other.page.inputValue('#target'), '99.95');
  assert.equal(await other.page.inputValue('#traffic'), '250');
  assert.equal(await seconds(other.page, '30d'), '1296');
  assert.equal(await other.page.getAttribute('[data-testid="bad-requests-30d"]', 'data-count'), '324000');
  assert.equal(await other.page.$('[data-testid="plan-error"]'), null);
  await other.context.close();

  assert.deepEqual(errors, []);
  await context.close();
});

test('reload restores the plan from local storage', async () => {
  const { context, page } = await freshPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByLabel('SLO target', { exact: true }).fill('99.5');
  await page.selectOption('#window', 'month');
  // The change is saved once it has rendered: leave only after that.
  await page.waitForFunction(() => /each calendar month/.test(document.querySelector('[data-testid="slo-statement"]')?.textContent ?? ''));
  await page.goto(app.server.url); // no fragment: only storage can bring the plan back
  await appReady(page);
  assert.equal(await page.inputValue('#target'), '99.5');
  assert.equal(await page.inputValue('#window'), 'month');
  assert.match(await page.textContent('[data-testid="slo-statement"]'), /each calendar month/);
  await page.reload();
  await appReady(page);
  assert.equal(await page.inputValue('#target'), '99.5');
  await context.close();
});

test('a garbage link shows plan-error and the app still works', async () => {
  const { context, page, errors } = await freshPage();
  await page.goto(`${app.server.url}#plan=4.this-is-not-a-plan`);
  await appReady(page);
  const message = await page.textContent('[data-testid="plan-error"]');
  assert.match(message, /link could not be opened/);
  assert.match(message, /damaged/);
  assert.equal(await seconds(page, '30d'), '2592');
  await page.getByLabel('SLO target', { exact: true }).fill('99');
  assert.equal(await seconds(page, '30d'), '25920');
  await page.goto(`${app.server.url}#plan=99.abc`);
  await page.reload();
  await appReady(page);
  assert.match(await page.textContent('[data-testid="plan-error"]'), /newer slo-planner \(format version 99\)/);
  assert.equal(await seconds(page, '30d'), '25920', 'the last saved plan is shown');
  assert.deepEqual(errors, []);
  await context.close();
});

test('nonsense input is refused with a message and the plan is kept', async () => {
  const { context, page } = await freshPage();
  await page.goto(app.server.url);
  await appReady(page);
  const target = page.getByLabel('SLO target', { exact: true });
  await target.fill('abc');
  assert.match(await page.textContent('[data-testid="target-error"]'), /not a number/);
  assert.equal(await target.getAttribute('aria-invalid'), 'true');
  assert.equal(await seconds(page, '30d'), '2592');
  await target.fill('100');
  assert.match(await page.textContent('[data-testid="target-error"]'), /below 100%/);
  await target.fill('99.9');
  assert.equal(await page.$('[data-testid="target-error"]'), null);
  await context.close();
});

test('the slider moves on a nines scale and the chart answers the pointer', async () => {
  const { context, page } = await freshPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.locator('#target-nines').fill('4');
  assert.equal(await settledValue(page, '#target', '99.99'), '99.99');
  assert.equal(await seconds(page, '30d'), '259.2');

  const canvas = page.locator('[data-testid="downtime-chart"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
  const readout = await page.textContent('[data-testid="chart-readout"]');
  assert.match(readout, /% \(\d\.\d\d nines\)/);
  assert.match(readout, /per 30 days/);

  // Drag the target line (at 4 nines) to the left: the target falls. Find the line
  // as a user would, by the grab cursor it shows under the pointer.
  let grabX = null;
  for (let x = box.x + box.width * 0.5; x < box.x + box.width * 0.95; x += 2) {
    await page.mouse.move(x, box.y + box.height / 2);
    if ((await canvas.getAttribute('class'))?.includes('grab')) { grabX = x; break; }
  }
  assert.ok(grabX !== null, 'target line not found');
  await page.mouse.down();
  await page.mouse.move(grabX - box.width * 0.2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await page.inputValue('#target'));
  assert.ok(dragged < 99.99 && dragged > 99, `dragged target ${dragged}`);
  await context.close();
});

test('export to JSON and import it in another browser', async () => {
  const { context, page } = await freshPage({ acceptDownloads: true });
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByLabel('Service').fill('payments');
  await page.getByLabel('SLO target', { exact: true }).fill('99.95');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  assert.equal(download.suggestedFilename(), 'payments.slo-plan.json');
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(json.format, 'slo-planner/plan');
  assert.equal(json.version, 8);
  assert.equal(json.plan.slos[0].target_percent, 99.95);

  const other = await freshPage();
  await other.page.goto(app.server.url);
  await appReady(other.page);
  await other.page.setInputFiles('[data-testid="import-file"]', await download.path());
  await other.page.waitForSelector('[data-testid="plan-notice"]');
  assert.equal(await other.page.inputValue('#target'), '99.95');
  assert.equal(await other.page.inputValue('#service'), 'payments');

  await other.page.click('text=Paste a plan');
  await other.page.fill('[data-testid="import-text"]', '{"not": "a plan"}');
  await other.page.click('[data-testid="import-open"]');
  assert.match(await other.page.textContent('[data-testid="plan-error"]'), /could not be opened/);
  assert.equal(await other.page.inputValue('#target'), '99.95', 'a failed import keeps the plan');

  // A file that is not a plan document says what it is, not that a link is wrong.
  for (const [name, text, message] of [
    ['slo.yaml', 'apiVersion: openslo/v1\nkind: SLO\n', /not a plan document.*looks like YAML.*OpenSLO and Sloth/],
    ['data.csv', 'time,ratio\n1,0.5\n', /not a plan document: a plan file is JSON/],
  ]) {
    await other.page.setInputFiles('[data-testid="import-file"]', { name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await other.page.waitForFunction((m) => new RegExp(m).test(document.querySelector('[data-testid="plan-error"]')?.textContent), message.source);
    assert.doesNotMatch(await other.page.textContent('[data-testid="plan-error"]'), /link/);
  }
  // A megabyte pasted is refused with the limit and stays in the box, which is the
  // browser's own: typing in it is not the app's work.
  const huge = `{"format":"slo-planner/plan",${' '.repeat(1 << 20)}}`;
  await other.page.fill('[data-testid="import-text"]', huge);
  await other.page.click('[data-testid="import-open"]');
  await other.page.waitForFunction(() => /too large to open \(1048\d+ bytes; the limit is 262144\)/.test(document.querySelector('[data-testid="plan-error"]')?.textContent));
  await other.page.focus('[data-testid="import-text"]');
  await other.page.keyboard.type('abc');
  assert.equal((await other.page.inputValue('[data-testid="import-text"]')).length, huge.length + 3);
  assert.equal(await other.page.inputValue('#target'), '99.95');
  await other.context.close();
  await context.close();
});

test('nothing leaves the origin', async () => {
  const { context, page } = await freshPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByLabel('SLO target', { exact: true }).fill('99.99');
  await page.selectOption('#sli-kind', 'latency');
  const origin = new URL(app.server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a corrupt saved plan is explained and kept aside, never overwritten', async () => {
  const { context, page } = await freshPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.evaluate(() => localStorage.setItem('slo-planner/plan', '{"format":"slo-planner/plan","vers'));
  await page.goto(app.server.url); // no fragment: the app opens from storage
  await appReady(page);
  assert.match(await page.textContent('[data-testid="plan-error"]'), /saved plan could not be read/);
  assert.equal(await seconds(page, '30d'), '2592', 'defaults are shown');
  // Kept aside, as it was found, among the recent plans.
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('slo-planner/recent/')).map((k) => JSON.parse(localStorage.getItem(k))),
  );
  assert.deepEqual(kept.filter((k) => k.kind === 'unreadable').map((k) => k.text), ['{"format":"slo-planner/plan","vers']);
  await context.close();
});

test('a link pasted into the address bar of an open tab opens, and the old plan can be restored', async () => {
  const { context, page } = await freshPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByLabel('SLO target', { exact: true }).fill('99');
  const shared = await readFile(new URL('../crates/slo-plan/tests/links/v1/latency-calendar-month.link', import.meta.url), 'utf8');
  await page.evaluate((fragment) => { location.hash = fragment; }, shared.trim());
  await page.waitForSelector('[data-testid="plan-notice"]');
  assert.equal(await settledValue(page, '#target', '99.5'), '99.5');
  assert.equal(await settledValue(page, '#latency-threshold', '300'), '300');
  await page.click('text=Restore my previous plan');
  assert.equal(await settledValue(page, '#target', '99'), '99');
  assert.equal(await page.$('[data-testid="plan-notice"]'), null);
  await context.close();
});

test('200 randomly damaged links are all refused, never opened as another plan', async () => {
  const link = (await readFile(new URL('../crates/slo-plan/tests/links/v5/latency-calendar-month.link', import.meta.url), 'utf8')).trim();
  const context = await app.browser.newContext();
  await context.addInitScript(() => localStorage.clear());
  const page = await context.newPage();
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const start = link.indexOf('.') + 1;
  // A seeded generator (mulberry32), so a failure names a damage that can be replayed.
  let seed = 15;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let refused = 0;
  for (let i = 0; i < 200; i++) {
    const chars = [...link];
    // One to three characters of the payload replaced by other base64url characters.
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const at = start + Math.floor(random() * (link.length - start));
      const k = ALPHABET.indexOf(chars[at]);
      chars[at] = ALPHABET[(k + 1 + Math.floor(random() * 63)) % 64];
    }
    const damaged = chars.join('');
    await page.goto('about:blank');
    await page.goto(`${app.server.url}#${damaged}`);
    await appReady(page);
    const error = await page.$('[data-testid="plan-error"]');
    const service = await page.inputValue('#service');
    if (error) {
      refused += 1;
      assert.match(await error.textContent(), /damaged/, damaged);
      assert.equal(service, 'my-service', `${damaged}: the fallback plan`);
    } else {
      // Only a change in the last character's unused bits reads the same bytes.
      assert.equal(service, 'checkout-api', `${damaged} opened as another plan`);
      assert.equal(await seconds(page, '30d'), '12960', damaged);
    }
  }
  assert.ok(refused >= 195, `${refused} of 200 refused`);
  await context.close();
});
