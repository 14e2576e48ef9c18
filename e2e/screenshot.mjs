// Regenerates docs/screenshot.png (the README's picture) from the release build:
// `trunk build --release && node e2e/screenshot.mjs`.
import { fileURLToPath } from 'node:url';
import { serveDist, launchChromium, appReady } from './harness.mjs';

const server = await serveDist();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
  await page.goto(server.url);
  await appReady(page);
  await page.getByLabel('Service').fill('checkout-api');
  await page.getByLabel('SLO target', { exact: true }).fill('99.95');
  const canvas = page.locator('[data-testid="downtime-chart"] canvas');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.4);
  await page.screenshot({ path: fileURLToPath(new URL('../docs/screenshot.png', import.meta.url)), fullPage: false });
} finally {
  await browser.close();
  await server.close();
}
