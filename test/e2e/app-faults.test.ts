/**
 * Faults in the built app in Chromium (issue 24.4): the editor worker crashing mid-turn is replaced and the turn
 * still ends done; a backend switch mid-turn neither corrupts nor loses the turn; both survive a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveStatic, type StaticSite } from './harness.ts';

const LONG = 240_000;
let site: StaticSite;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const warnings: string[] = [];

const turns = () => page.locator('[data-testid="turns"] > li.turn');

/** Sends a turn and, as soon as it is stored as pending, does `during`; returns the finished turn's status. */
async function sayWhile(text: string, n: number, during: () => Promise<unknown> = async () => undefined, before = async () => undefined as unknown): Promise<{ status: string; ranDuring: boolean }> {
  await before();
  await page.getByTestId('say').fill(text);
  await page.getByTestId('say').press('Enter');
  const li = turns().nth(n - 1);
  await li.and(page.locator('[data-status="pending"]')).waitFor({ timeout: LONG });
  await during();
  const ranDuring = (await li.getAttribute('data-status')) === 'pending';
  await li.and(page.locator('[data-status="done"], [data-status="failed"]')).waitFor({ timeout: LONG });
  return { status: (await li.getAttribute('data-status'))!, ranDuring };
}

beforeAll(async () => {
  site = await serveStatic('dist', '/apps/parley/');
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 960 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
  await page.goto(site.url);
  await page.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });
  await page.getByTestId('example-two-squares').click();
  await page.locator('[data-testid="stage"][data-node="n0"]').waitFor({ timeout: LONG });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('faults during a turn', () => {
  it('finishes a turn whose worker crashed on a fresh worker', async () => {
    const workers = page.workers().length;
    const crash = () => page.evaluate(() => (globalThis as unknown as { parleyDebug: { crashWorker(): Promise<void> } }).parleyDebug.crashWorker());
    const t = await sayWhile('make the circle red', 1, undefined, crash);
    expect(t).toEqual({ status: 'done', ranDuring: true });
    await page.locator('[data-testid="stage"][data-node="n1"]').waitFor({ timeout: LONG });
    expect(page.workers().length).toBeGreaterThanOrEqual(workers); // a new worker took the old one's place
    expect(warnings.filter((w) => w.includes('editor worker stopped'))).toEqual([
      'Parley: the editor worker stopped (Uncaught Error: crash requested by a test); trying again on a fresh one.',
    ]);
  });

  it('finishes a turn during which the backend changed, and keeps it across a reload', async () => {
    await page.getByTestId('settings').click();
    // A slowed CPU keeps the turn running long enough for the switch to land inside it on any machine.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    // The click is dispatched, not performed: Playwright's actionability waits on a throttled page could outlast the turn.
    const t = await sayWhile('make the circle bigger', 2, () => page.getByTestId('backend-wasm').dispatchEvent('click')).finally(() =>
      cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }),
    );
    expect(t).toEqual({ status: 'done', ranDuring: true });
    await page.locator('[data-testid="pack"][data-status="ready"]').waitFor({ timeout: LONG });
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
    await page.reload();
    await page.locator('[data-testid="stage"][data-node="n2"]').waitFor({ timeout: LONG });
    expect(await turns().evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')))).toEqual(['done', 'done']);
    expect(pageErrors.filter((e) => !e.includes('crash requested by a test'))).toEqual([]);
  });
});
