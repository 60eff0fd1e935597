/**
 * Files in and out of the built app in Chromium: PNG and session export, a session import round trip, clear errors
 * for bad session files, bad pictures and a broken pack; keyboard use, labels, dark mode and reduced motion.
 * Screenshots go to test-results/app/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { decodePng, encodePng } from '../../scripts/lib/png.ts';
import { EXAMPLES } from '../../src/domains/shapes-v1/examples.ts';
import { renderSceneRgba } from '../../src/domains/shapes-v1/raster.ts';
import { launchChromium, serveStatic, type StaticSite } from './harness.ts';

const SHOTS = 'test-results/app';
const LONG = 240_000;

let site: StaticSite;
let browser: Browser;
let page: Page;
let exported: { text: string; pixels: number[] } = { text: '', pixels: [] };

const turns = () => page.locator('[data-testid="turns"] > li.turn');
const shot = (p: Page, name: string) => p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

function pixels(): Promise<number[]> {
  return page.getByTestId('current-image').evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
}

async function showing(node: string): Promise<void> {
  await page.locator(`[data-testid="stage"][data-node="${node}"]`).waitFor({ timeout: LONG });
}

async function say(text: string, n: number): Promise<string> {
  await page.getByTestId('say').fill(text);
  await page.getByTestId('say').press('Enter');
  const li = turns().nth(n - 1);
  await li.and(page.locator('[data-status="done"], [data-status="failed"]')).waitFor({ timeout: LONG });
  return (await li.getAttribute('data-kind')) ?? '';
}

/** Clicks a download button and returns the file's name and bytes. */
async function downloaded(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

async function errorAfter(act: () => Promise<unknown>): Promise<string> {
  await act();
  await page.getByTestId('error').waitFor({ timeout: 60_000 });
  const text = (await page.getByTestId('error').textContent()) ?? '';
  await page.getByRole('button', { name: 'Dismiss the error' }).click();
  return text;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveStatic('dist', '/apps/parley/');
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 960 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('files in and out', () => {
  it('exports the picture on screen as a PNG with exactly its pixels', async () => {
    await page.goto(site.url);
    await page.getByTestId('example-patterns').click();
    await showing('n0');
    expect(await say('make the heart blue', 1)).toBe('edit');
    await showing('n1');
    const png = await downloaded('export-image');
    expect(png.name).toBe('patterns-1.png');
    const image = decodePng(png.bytes);
    expect([image.width, image.height]).toEqual([64, 64]);
    expect(Array.from(image.data)).toEqual(await pixels());
  });

  it('exports the session and imports it back with the same transcript, history and pictures', async () => {
    const file = await downloaded('export-session');
    expect(file.name).toBe('patterns.parley.json');
    const json = JSON.parse(file.bytes.toString('utf8'));
    expect(json.format).toBe('parley-session-v1');
    expect(Object.keys(json.nodes).sort()).toEqual(['n0', 'n1']);
    exported = { text: file.bytes.toString('utf8'), pixels: await pixels() };
    const transcript = await turns().allTextContents();
    page.once('dialog', (d) => void (d.message().includes('Delete "Patterns"') ? d.accept() : d.dismiss()));
    await page.getByTestId('delete-session').click();
    await page.getByTestId('empty').waitFor();
    await page.getByTestId('import-input').setInputFiles({ name: 'patterns.parley.json', mimeType: 'application/json', buffer: file.bytes });
    await showing('n1');
    expect(await turns().allTextContents()).toEqual(transcript);
    expect(await pixels()).toEqual(exported.pixels);
    expect(await page.getByTestId('frame').count()).toBe(2);
    expect(await page.getByTestId('notice').textContent()).toBe('Imported "Patterns".');
    expect(await say('undo', 2)).toBe('undo');
    await showing('n0');
    await shot(page, '10-imported');
  });

  it('explains malformed session files and keeps the open session', async () => {
    const bad = (name: string, text: string) => () =>
      page.getByTestId('import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    expect(await errorAfter(bad('notes.json', 'hello'))).toMatch(/not a Parley session: it is not valid JSON/);
    expect(await errorAfter(bad('other.json', '{"format": "other-v1"}'))).toMatch(/its format is "other-v1"/);
    const spoiled = JSON.parse(exported.text);
    delete spoiled.nodes.n1;
    expect(await errorAfter(bad('spoiled.json', JSON.stringify(spoiled)))).toMatch(/malformed: nodes lack the picture of history node n1/);
    expect(await errorAfter(bad('empty.json', ''))).toMatch(/empty/);
    await showing('n0');
  });

  it('explains pictures it cannot use: not an image, empty, corrupt, too large', async () => {
    // 41 MB cross the DevTools protocol as base64: slow on a loaded 2-core machine, hence the long timeout.
    const pick = (name: string, mimeType: string, buffer: Buffer) => () =>
      page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer }, { timeout: 180_000 });
    expect(await errorAfter(pick('notes.txt', 'text/plain', Buffer.from('hello')))).toMatch(/not an image \(text\/plain\)/);
    expect(await errorAfter(pick('empty.png', 'image/png', Buffer.alloc(0)))).toMatch(/empty \(0 bytes\)/);
    const corrupt = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    expect(await errorAfter(pick('broken.png', 'image/png', corrupt))).toMatch(/could not be decoded: the file is corrupt/);
    expect(await errorAfter(pick('huge.png', 'image/png', Buffer.alloc(41 * 1024 * 1024)))).toMatch(/too large \(41\.0 MB/);
    // A 33-byte PNG whose header claims 30000x20000: refused from the header, never decoded (else: "corrupt").
    const claim = Buffer.from(encodePng({ width: 1, height: 1, data: new Uint8ClampedArray(4) }).subarray(0, 33));
    claim.writeUInt32BE(30000, 16);
    claim.writeUInt32BE(20000, 20);
    expect(await errorAfter(pick('vast.png', 'image/png', claim))).toMatch(/too large \(30000x20000; the limit is 16384 px a side/);
    await showing('n0'); // the open session is untouched
  });

  it('is usable from the keyboard, with every control labelled', async () => {
    await page.locator('h1').click(); // the skip link is the one stop before the heading
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the conversation');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('say');
    await page.keyboard.type('redo');
    await page.keyboard.press('Enter');
    await turns().nth(2).and(page.locator('[data-status="done"]')).waitFor();
    await showing('n1');
    await page.getByRole('button', { name: /^Original: The original picture/ }).focus();
    await page.keyboard.press('Enter');
    await showing('n0');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('button, input:not([type="file"]), select')]
        .filter((el) => !(el as HTMLElement).hidden && !(el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.length || el.textContent?.trim()))
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
  });

  it('starts from a dropped picture and from a pasted one', async () => {
    const star = renderSceneRgba(EXAMPLES.find((e) => e.id === 'lonely-star')!.scene);
    const b64 = encodePng({ width: 64, height: 64, data: star }).toString('base64');
    for (const how of ['drop', 'paste'] as const) {
      await page.evaluate(({ b64, how }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'star.png', { type: 'image/png' }));
        const event = how === 'drop' ? new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }) : new ClipboardEvent('paste', { clipboardData: dt, bubbles: true });
        document.querySelector('main')!.dispatchEvent(event);
      }, { b64, how });
      const title = how === 'drop' ? 'star' : 'Pasted picture';
      await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 60_000 }).toBe(`Started "${title}".`);
      await showing('n0');
      expect(await turns().count()).toBe(0);
      expect(await pixels()).toEqual(Array.from(star));
    }
  });

  it('shows the measured backend timings and switches the backend; keeps the touch-up and exact-moves choices', async () => {
    await page.getByTestId('settings').click();
    expect(await page.getByTestId('touch-up').isChecked()).toBe(true);
    await page.getByTestId('touch-up').uncheck();
    expect(await page.getByTestId('exact-moves').isChecked()).toBe(true);
    await page.getByTestId('exact-moves').uncheck();
    await expect.poll(() => page.locator('label:has([data-testid="backend-wasm"])').textContent()).toMatch(/\d+\.\d ms per turn/);
    await page.getByTestId('backend-wasm').check();
    await page.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
    expect(await page.getByTestId('backend-now').textContent()).toMatch(/Now running on WASM with shapes-v1/);
    await shot(page, '13-settings');
    await page.reload();
    await page.getByTestId('settings').click();
    await page.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });
    expect(await page.getByTestId('backend-wasm').isChecked()).toBe(true);
    expect(await page.getByTestId('touch-up').isChecked()).toBe(false);
    expect(await page.getByTestId('exact-moves').isChecked()).toBe(false);
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
    await page.getByTestId('touch-up').check();
    await page.getByTestId('exact-moves').check();
    await page.getByTestId('backend-auto').check();
    await page.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });
  });

  it('follows dark mode and reduced motion', async () => {
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 18, 18)');
    const animation = await page.evaluate(() => {
      const el = document.createElement('div');
      el.style.animation = 'spin 1s linear infinite';
      document.body.append(el);
      const name = getComputedStyle(el).animationName;
      el.remove();
      return name;
    });
    expect(animation).toBe('none');
    await shot(page, '11-dark');
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(250, 250, 250)');
  });

  it('says clearly when the model pack is broken', async () => {
    const context = await browser.newContext();
    // A fresh profile (no cached pack) whose server sends a damaged decoder: the sha256 check must catch it.
    await context.route('**/packs/shapes-v1/decoder.onnx', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500)); // slow enough to see the download progress
      const body = Buffer.from(await (await route.fetch()).body());
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ status: 200, body, contentType: 'application/octet-stream' });
    });
    const p = await context.newPage();
    await p.goto(site.url);
    await p.getByTestId('pack-progress').waitFor({ timeout: LONG });
    await p.getByTestId('pack-error').waitFor({ timeout: LONG });
    expect(await p.getByTestId('pack-error').textContent()).toMatch(/^The model pack is broken: .*decoder\.onnx/);
    expect(await p.getByTestId('pack').getAttribute('data-status')).toBe('failed');
    await p.getByTestId('example-two-squares').click();
    await p.getByTestId('error').waitFor();
    expect(await p.getByTestId('error').textContent()).toMatch(/No model is ready to read the picture/);
    expect(await p.getByTestId('empty').count()).toBe(1);
    await shot(p, '12-broken-pack');
    await context.close();
  });

  it('says plainly when a picture is not a scene it can edit, and offers the scene it read', async () => {
    let seed = 1;
    const noise = encodePng({ width: 128, height: 128, data: Uint8ClampedArray.from({ length: 128 * 128 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256)) });
    const sessions = await page.getByTestId('session-select').locator('option').count();
    await page.getByTestId('file-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: noise });
    await page.getByTestId('error').waitFor({ timeout: LONG });
    expect(await page.getByTestId('error').textContent()).toMatch(/This picture is not one Parley can edit: its model knows only simple coloured shapes/);
    expect(await page.getByTestId('session-select').locator('option').count()).toBe(sessions); // nothing stored
    await page.getByTestId('start-closest').click();
    await page.getByTestId('error').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 60_000 }).toMatch(/Started "photo \(as read\)"/);
    await shot(page, '13-not-a-scene');
  });
});
