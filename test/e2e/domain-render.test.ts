/**
 * Every domain's renderer draws the same pixels in the browser as in Node: the built app's own bundle renders
 * scenes (parleyDebug.render) and they must equal Node's bytes exactly, which is what the renderers promise by
 * using only exactly rounded arithmetic.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scene } from '../../src/domain/scene.ts';
import { DOMAINS } from '../../src/domains/index.ts';
import { launchChromium, serveStatic, type StaticSite } from './harness.ts';

let site: StaticSite;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  site = await serveStatic('dist', '/apps/parley/');
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => 'parleyDebug' in globalThis);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('renderers in the browser', () => {
  for (const domain of DOMAINS) {
    it(`${domain.name}: the same bytes as in Node`, async () => {
      const scenes: Scene[] = [...domain.examples.map((e) => e.scene), ...[1, 2, 3].map((s) => domain.randomScene(s))];
      const inBrowser = await page.evaluate(
        (ss) => ss.map((s) => (globalThis as unknown as { parleyDebug: { render(s: unknown): number[] } }).parleyDebug.render(s)),
        scenes,
      );
      scenes.forEach((s, i) => {
        const node = Array.from(domain.renderRgba(s));
        expect(inBrowser[i]!.length, `scene ${i}`).toBe(domain.imageSize * domain.imageSize * 4);
        expect(inBrowser[i]!.findIndex((v, k) => v !== node[k]), `first differing byte of scene ${i}`).toBe(-1);
      });
    });
  }
});
