// Trunk post-build hook for release builds: writes into index.html's #preview the
// default plan's Overview as the app first renders it, so that a first visit shows it
// while the app downloads and starts (the app removes it when it starts; a visitor
// with a link or a kept plan never sees it). It is taken from this very build, run in
// Chromium, so it is the app's own markup and cannot drift from it. What it keeps:
// the markup and the text, without ids, test hooks, labels' targets or data; the
// elements marked `data-live` (figures of the day, or from the worker) read "…".
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, serveDir } from '../e2e/harness.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const slot = /<div\b[^>]*\bid="?preview"?[^>]*><\/div>/;
if (!slot.test(html)) throw new Error('index.html has no empty #preview to fill');

const server = await serveDir(dir);
const browser = await launchChromium().catch((e) => {
  throw new Error(`prerendering the preview needs Chromium (scripts/setup installs it): ${e.message}`);
});
let markup;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="slo-0-budget-seconds"]', { timeout: 60_000 });
  if (errors.length > 0) throw new Error(`the app failed while prerendering: ${errors.join('; ')}`);
  markup = await page.evaluate(() => {
    const copy = document.getElementById('app').cloneNode(true);
    for (const live of copy.querySelectorAll('[data-live]')) live.textContent = '…';
    for (const element of [copy, ...copy.querySelectorAll('*')]) {
      for (const { name } of [...element.attributes]) {
        if (name === 'id' || name === 'for' || name === 'name' || name.startsWith('data-') || name.startsWith('aria-')) {
          element.removeAttribute(name);
        }
      }
    }
    return copy.innerHTML;
  });
} finally {
  await browser.close();
  await server.close();
}
if (!markup.includes('slo-planner')) throw new Error('the prerendered preview has no app in it');
writeFileSync(file, html.replace(slot, (div) => div.replace('></div>', `>${markup}</div>`)));
