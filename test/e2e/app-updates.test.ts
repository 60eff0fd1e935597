/**
 * Updates and damaged caches in the built app in Chromium (issue 24.5): a new service worker waits and is offered
 * ("Update available — reload") rather than taking over the open page; the page switches only on the click. A
 * tampered pack file in the offline cache is detected by its hash and fetched again past every cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveStatic, type StaticSite } from './harness.ts';

const LONG = 240_000;
let site: StaticSite;
let browser: Browser;
let page: Page;

const shellCaches = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('parley-shell-')).sort());
const packReady = () => page.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });

beforeAll(async () => {
  site = await serveStatic('dist', '/apps/parley/');
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 960 } })).newPage();
  await page.goto(site.url);
  await packReady();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('service worker updates', () => {
  it('offers a new version without switching the open page to it, and switches on the click', async () => {
    const before = await shellCaches();
    expect(before).toHaveLength(1);
    site.rewrite = (file, body) => (file === 'sw.js' ? Buffer.from(body.toString().replace(/const VERSION = "[^"]+"/, 'const VERSION = "next"')) : body);
    await page.evaluate(() => ((window as { marker?: number }).marker = 1));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
    await page.getByTestId('update').waitFor({ timeout: 60_000 });
    // Installed and waiting: the old version still serves this page and its cache is still there.
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))).toBe(true);
    expect(await shellCaches()).toEqual(expect.arrayContaining(before));
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.getByTestId('update-reload').click()]);
    await packReady();
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBeUndefined();
    expect(await shellCaches()).toEqual(['parley-shell-next']);
    expect(await page.getByTestId('update').count()).toBe(0);
    site.rewrite = null;
  });
});

describe('a damaged pack file in the offline cache', () => {
  it('is caught by its hash, fetched again from the server, and the pack loads', async () => {
    const file = `${site.url}packs/shapes-v1/decoder.onnx`;
    const size = await page.evaluate(async (url) => {
      const cache = await caches.open('parley-packs-v1');
      const good = (await (await cache.match(url))!.arrayBuffer()).byteLength;
      await cache.put(url, new Response(new Uint8Array(good).fill(7)));
      return good;
    }, file);
    const fetched = site.requests.filter((r) => r.endsWith('/decoder.onnx')).length;
    await page.reload();
    await packReady();
    expect(await page.getByTestId('pack-error').count()).toBe(0);
    expect(site.requests.filter((r) => r.endsWith('/decoder.onnx')).length).toBe(fetched + 1);
    const cached = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await (await caches.open('parley-packs-v1')).match(url))!.arrayBuffer()).slice(0, 8)), file);
    expect(cached).not.toEqual(Array(8).fill(7));
    expect(size).toBeGreaterThan(1000);
  });
});
