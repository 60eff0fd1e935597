/**
 * Runs a TypeScript module in real Chromium (WebGPU via SwiftShader here) and returns what it reports:
 * a Vite dev server (no config file, so the app's plugins stay out) serves the module with `?raw` WGSL,
 * onnxruntime-web's dist is served from /ort/ (no CDN), and playwright-core drives /usr/bin/chromium.
 * Used by test/e2e/kernels-chromium.test.ts and scripts/bench-kernels.ts.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';

/** Repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Chromium flags: headless WebGPU without a GPU process sandbox or background traffic. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const MIME: Record<string, string> = {
  '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream', '.json': 'application/json',
};

/** Serves `/<prefix>/<file>` from a folder with plain static semantics (ahead of Vite's transforms). */
function staticDir(prefix: string, dir: string): Plugin {
  return {
    name: `static-${prefix}`,
    configureServer(server) {
      server.middlewares.use(`/${prefix}/`, (req, res, next) => {
        const file = join(dir, decodeURIComponent((req.url ?? '').split('?')[0]!));
        if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** A page at `/page.html?entry=/path/to/module.ts` that imports the module. */
function pageHtml(): Plugin {
  return {
    name: 'kernel-page',
    configureServer(server) {
      server.middlewares.use('/page.html', (req, res) => {
        const entry = new URL(req.url ?? '/', 'http://x').searchParams.get('entry') ?? '';
        res.setHeader('Content-Type', 'text/html');
        res.end(`<!doctype html><meta charset="utf-8"><script type="module" src="${entry}"></script>`);
      });
    },
  };
}

/** A running dev server + browser; `close()` stops both. */
export interface PageRunner {
  browser: Browser;
  server: ViteDevServer;
  origin: string;
  /** Loads `entry` (a repo-relative module path) and resolves with `window.__result` once set. */
  run<T>(entry: string, timeoutMs: number, query?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/** Starts Vite on a free localhost port (WebGPU needs a secure context) and launches Chromium. */
export async function startPageRunner(extraDirs: Record<string, string> = {}): Promise<PageRunner> {
  const server = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    appType: 'custom',
    plugins: [
      pageHtml(),
      staticDir('ort', join(ROOT, 'node_modules/onnxruntime-web/dist')),
      ...Object.entries(extraDirs).map(([p, d]) => staticDir(p, d)),
    ],
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
  });
  await server.listen();
  const addr = server.httpServer!.address();
  if (!addr || typeof addr === 'string') throw new Error('vite did not bind a port');
  const origin = `http://127.0.0.1:${addr.port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    browser,
    server,
    origin,
    async run<T>(entry: string, timeoutMs: number, query: Record<string, string> = {}): Promise<T> {
      const page = await browser.newPage();
      const logs: string[] = [];
      page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
      try {
        const q = new URLSearchParams({ entry: `/${entry}`, ...query });
        await page.goto(`${origin}/page.html?${q}`);
        await page.waitForFunction(() => 'result' in window || 'failure' in window, undefined, { timeout: timeoutMs });
        const failure = await page.evaluate(() => (window as unknown as { failure?: string }).failure);
        if (failure) throw new Error(`page failed: ${failure}\n${logs.join('\n')}`);
        return await page.evaluate(() => (window as unknown as { result: unknown }).result as T);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n--- page log ---\n${logs.slice(-30).join('\n')}`);
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
