/** Renders public/icons/icon.svg to the PNG sizes the web manifest lists, with Debian's Chromium. Usage: npm run icons */
import { readFileSync } from 'node:fs';
import { launchChromium } from '../test/e2e/harness.ts';

const svg = readFileSync('public/icons/icon.svg', 'utf8');
const browser = await launchChromium();
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true });
  console.log(`wrote public/icons/icon-${size}.png`);
}
await browser.close();
