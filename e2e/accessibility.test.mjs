// Accessibility: an axe-core audit of every page (in light and dark colour schemes),
// and a keyboard-only journey through the Targets page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { appUnderTest, appReady } from './harness.mjs';

const app = appUnderTest();
const AXE = new URL('../node_modules/axe-core/axe.min.js', import.meta.url);

/** The serious and critical violations axe-core finds on the page, as readable lines. */
async function audit(page) {
  await page.addScriptTag({ content: await readFile(AXE, 'utf8') });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Every page's tab, in order. */
const TABS = ['Overview', 'Targets', 'Error budget', 'Alerts', 'Capacity', 'Risk', 'Learn'];

for (const scheme of ['light', 'dark']) {
  test(`every page passes an axe-core audit (${scheme} scheme)`, async () => {
    // The app's CSP rightly refuses injected scripts; the audit's context lets axe in.
    const context = await app.browser.newContext({ colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await appReady(page);
    const found = {};
    for (const tab of TABS) {
      await page.getByRole('button', { name: tab, exact: true }).click();
      await page.waitForTimeout(100);
      // The Risk page's figures come when its simulation has run.
      if (tab === 'Risk') await page.waitForSelector('[data-testid="risk-timing"]', { timeout: 60_000 });
      const violations = await audit(page);
      if (violations.length) found[tab] = violations;
    }
    assert.deepEqual(found, {});
    await context.close();
  });
}

/** Presses Tab until the element matching `selector` has the focus; returns how many
 * presses it took, and checks that every control passed on the way shows its focus. */
async function tabTo(page, selector, limit = 60) {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate((s) => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        here: el.matches(s),
        what: `${el.tagName.toLowerCase()}#${el.id}`,
        visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    }, selector);
    assert.ok(state.visible, `${state.what} has the focus but shows no focus ring`);
    if (state.here) return i;
  }
  throw new Error(`${selector} was not reached in ${limit} presses of Tab`);
}

test('keyboard only: set a target, move the slider, change the window, download the chart', async () => {
  const context = await app.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  const seconds = () => page.getAttribute('[data-testid="downtime-30d"]', 'data-seconds');

  await tabTo(page, '#target');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('99.95');
  // The page renders after the last keystroke; on a busy machine that can come after
  // `type` returns (a CI run read the figure for "9", the first keystroke).
  await page
    .waitForFunction(() => document.querySelector('[data-testid="downtime-30d"]')?.dataset.seconds === '1296', null, { timeout: 5_000 })
    .catch(() => {});
  assert.equal(await seconds(), '1296'); // 0.05 % of 30 days

  await tabTo(page, '#target-nines');
  await page.keyboard.press('ArrowRight');
  const target = Number(await page.inputValue('#target'));
  assert.ok(target > 99.95, `the slider moved the target to ${target}`);

  await tabTo(page, '#window');
  await page.keyboard.press('ArrowDown');
  assert.notEqual(await page.inputValue('#window'), 'rolling-30');

  // The chart's SVG download, by Enter on its link.
  await tabTo(page, '[data-testid="downtime-chart"] a, [data-testid="downtime-chart"] button');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.svg$/);
  await context.close();
});

test('printing gives the page without its controls, and a PDF', async () => {
  const context = await app.browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Capacity' }).click();
  await page.waitForSelector('[data-testid="forecast-chart"] canvas');
  await page.emulateMedia({ media: 'print' });
  const shown = (selector) => page.locator(selector).first().isVisible();
  assert.equal(await shown('nav'), false);
  assert.equal(await shown('.share'), false);
  assert.equal(await shown('[data-testid="capacity-exhaustion-date"]'), true);
  assert.equal(await shown('[data-testid="forecast-chart"] canvas'), true);
  // Printed light even when the screen is dark: the chart is drawn again in the light
  // theme, white paper, and shown without a filter.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.chart canvas')).filter), 'none');
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="forecast-chart"] canvas');
    return c.getContext('2d').getImageData(0, 0, 1, 1).data.slice(0, 3).join(',') === '255,255,255';
  });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 10_000, `${pdf.length} bytes`);
  await context.close();
});

/** The screens every page is shot on: a phone at 3 device pixels per CSS pixel and a
 * desktop at 1, each in the light and the dark colour scheme. */
const SCREENS = [375, 1280].flatMap((width) =>
  ['light', 'dark'].map((scheme) => ({ width, scheme, scale: width === 375 ? 3 : 1 })),
);
const SHOTS = new URL('./results/screens/', import.meta.url);

for (const { width, scheme, scale } of SCREENS) {
  test(`at ${width} px (${scheme}, ${scale}×) no page scrolls sideways and charts are drawn in device pixels; screenshots in e2e/results/screens`, async () => {
    await mkdir(SHOTS, { recursive: true });
    const context = await app.browser.newContext({
      viewport: { width, height: 900 },
      deviceScaleFactor: scale,
      colorScheme: scheme,
    });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await appReady(page);
    const wide = {};
    const blurry = [];
    for (const tab of TABS) {
      await page.getByRole('button', { name: tab, exact: true }).click();
      if (tab === 'Risk') await page.waitForSelector('[data-testid="risk-timing"]', { timeout: 60_000 });
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > width) wide[tab] = scroll;
      // Each canvas's backing store has a pixel for each device pixel it covers, and the
      // chart fills it: its right third holds drawn pixels (a chart drawn at CSS size
      // into a larger store would leave it blank).
      const canvases = await page.evaluate(() =>
        [...document.querySelectorAll('figure.chart canvas')].map((c) => {
          const { data } = c.getContext('2d').getImageData(Math.floor((c.width * 2) / 3), 0, Math.ceil(c.width / 3), c.height);
          const [r, g, b] = data;
          let drawn = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 60) drawn += 1;
          }
          return {
            id: c.closest('figure').dataset.testid,
            backing: c.width,
            device: c.getBoundingClientRect().width * devicePixelRatio,
            drawnInRightThird: drawn,
            paper: [r, g, b].join(','),
          };
        }),
      );
      // Charts are drawn in the scheme's own colours (slo_charts::Theme), not inverted by
      // a filter: white paper in light, the dark card colour in dark.
      const paper = scheme === 'dark' ? '30,34,38' : '255,255,255';
      for (const c of canvases) {
        if (Math.abs(c.backing - c.device) > 1 || c.drawnInRightThird < 100 || c.paper !== paper) {
          blurry.push({ tab, ...c });
        }
      }
      const filtered = await page.evaluate(() =>
        [...document.querySelectorAll('figure.chart canvas')].filter((c) => getComputedStyle(c).filter !== 'none').length,
      );
      assert.equal(filtered, 0, `${tab}: canvases shown through a CSS filter`);
      const name = `${width}-${scheme}-${tab.toLowerCase().replace(/ /g, '-')}.png`;
      await page.screenshot({ path: fileURLToPath(new URL(name, SHOTS)), fullPage: true });
    }
    assert.deepEqual(wide, {});
    assert.deepEqual(blurry, []);
    await context.close();
  });
}
