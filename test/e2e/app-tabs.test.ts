/**
 * Two tabs on one session (issue 24.3) in the built app in Chromium: the second tab opens it read-only and follows
 * the first; "Edit here" moves the writing to it; after a reload of both, every turn of both tabs is there, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, serveStatic, type StaticSite } from './harness.ts';

const LONG = 240_000;
let site: StaticSite;
let browser: Browser;
let context: BrowserContext;
let a: Page;
let b: Page;

const users = (p: Page) => p.locator('[data-testid="turns"] > li.turn .user').allTextContents();

async function say(p: Page, text: string, n: number): Promise<void> {
  await p.getByTestId('say').fill(text);
  await p.getByTestId('say').press('Enter');
  await p.locator('[data-testid="turns"] > li.turn').nth(n - 1).and(p.locator('[data-status="done"]')).waitFor({ timeout: LONG });
}

async function turnsAre(p: Page, expected: string[]): Promise<void> {
  await expect.poll(() => users(p), { timeout: 60_000 }).toEqual(expected);
}

beforeAll(async () => {
  site = await serveStatic('dist', '/apps/parley/');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 960 } });
  a = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('two tabs on one session', () => {
  it('opens the session read-only in the second tab, which follows the first', async () => {
    await a.goto(site.url);
    await a.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });
    await a.getByTestId('example-two-squares').click();
    await a.locator('[data-testid="stage"][data-node="n0"]').waitFor({ timeout: LONG });
    await say(a, 'make the circle red', 1);
    b = await context.newPage();
    await b.goto(site.url);
    await b.getByTestId('read-only').waitFor({ timeout: LONG });
    expect(await a.getByTestId('read-only').count()).toBe(0);
    expect(await b.getByTestId('say').isDisabled()).toBe(true);
    await turnsAre(b, ['make the circle red']);
    await say(a, 'make it bigger', 2);
    await turnsAre(b, ['make the circle red', 'make it bigger']);
  });

  it('moves the writing to the tab that asks, and loses no turn of either', async () => {
    await b.getByTestId('edit-here').click();
    await a.getByTestId('read-only').waitFor({ timeout: 60_000 });
    await b.getByTestId('read-only').waitFor({ state: 'detached', timeout: 60_000 });
    await b.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });
    await say(b, 'undo', 3);
    const all = ['make the circle red', 'make it bigger', 'undo'];
    await turnsAre(a, all);
    await b.reload();
    await a.reload();
    await turnsAre(a, all);
    await turnsAre(b, all);
    // After both reloads exactly one of them writes.
    const readOnly = [await a.getByTestId('read-only').count(), await b.getByTestId('read-only').count()];
    expect(readOnly.sort()).toEqual([0, 1]);
  });
});
