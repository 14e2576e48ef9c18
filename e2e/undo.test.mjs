// Undo and redo: every change can be taken back, typing in a field is one step, and
// opening a scenario or starting over is undone like any edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openApp, seconds } from './harness.mjs';

const app = appUnderTest();

test('edits, an opened scenario and starting over are undone and redone, by button and by keyboard', async () => {
  const { context, page, errors } = await openApp(app);
  assert.equal(await page.isDisabled('[data-testid="undo"]'), true);
  // Typing 99.95 is one step, naming the service another.
  await page.fill('#target', '99.9');
  await page.type('#target', '5');
  await page.waitForFunction(() => document.querySelector('[data-testid="downtime-30d"]').dataset.seconds === '1296');
  await page.fill('#service', 'checkout');
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelector('#service').value === 'my-service');
  assert.equal(await seconds(page, '30d'), '1296');
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="downtime-30d"]').dataset.seconds === '2592');
  assert.equal(await page.inputValue('#target'), '99.9');
  // Redo by keyboard, outside a field.
  await page.click('h1');
  await page.keyboard.press('Control+Shift+Z');
  await page.waitForFunction(() => document.querySelector('[data-testid="downtime-30d"]').dataset.seconds === '1296');
  await page.keyboard.press('Control+Z');
  await page.waitForFunction(() => document.querySelector('[data-testid="downtime-30d"]').dataset.seconds === '2592');

  // A scenario opened over the plan comes back with Undo.
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.fill('#scenario-name', 'strict');
  await page.click('[data-testid="keep-scenario"]');
  await page.getByRole('button', { name: 'Targets' }).click();
  await page.fill('#target', '99');
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.getByRole('button', { name: 'Open scenario strict' }).click();
  await page.getByRole('button', { name: 'Targets' }).click();
  assert.equal(await page.inputValue('#target'), '99.9');
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelector('#target').value === '99');

  // Starting over is a step too; the plan before it is also kept in Recent plans.
  await page.fill('#service', 'before-over');
  await page.click('[data-testid="start-over"]');
  await page.waitForFunction(() => document.querySelector('#service').value === 'my-service');
  assert.match(await page.textContent('[data-testid="plan-notice"]'), /Started over.*kept in Recent plans.*Undo brings it back/);
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelector('#service').value === 'before-over');
  assert.deepEqual(errors, []);
  await context.close();
});

test('tabs are in the browser history: Back returns to the tab before and never to an older plan', async () => {
  const { context, page, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Error budget' }).click();
  const incidents = () => page.locator('fieldset.incident').count();
  const added = (await incidents()) + 1;
  await page.click('[data-testid="add-incident"]');
  assert.equal(await incidents(), added);
  await page.getByRole('button', { name: 'Alerts' }).click();
  // Let the address bar catch up with the plan, as it does a moment after each change.
  await page.waitForTimeout(400);
  const withIncident = page.url();
  await page.goBack();
  await page.waitForSelector('[data-testid="add-incident"]');
  await page.goBack();
  await page.waitForSelector('[data-testid="downtime-30d"]');
  assert.equal(await page.$('[data-testid="plan-notice"]'), null, 'no plan was opened from the older address');
  assert.equal(page.url(), withIncident, 'the address holds the plan shown');
  await page.goForward();
  await page.waitForSelector('[data-testid="add-incident"]');
  assert.equal(await incidents(), added, 'the plan is the one shown before going back');
  assert.deepEqual(errors, []);
  await context.close();
});
