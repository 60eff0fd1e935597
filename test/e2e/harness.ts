/** E2E helpers: serve the built app from a sub-path like a static host, and launch Debian's Chromium headless. */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.onnx': 'application/octet-stream', '.bin': 'application/octet-stream',
};

/** A static server for `dist/` under `base`, without COOP/COEP headers, that records every request path. */
export interface StaticSite {
  url: string;
  requests: string[];
  /** Replaces a file's bytes as served (a new deploy, a tampering proxy); by path below the base. */
  rewrite: ((file: string, body: Buffer) => Buffer) | null;
  close(): Promise<void>;
}

export async function serveStatic(root = 'dist', base = '/apps/parley/'): Promise<StaticSite> {
  const requests: string[] = [];
  const site: StaticSite = { url: '', requests, rewrite: null, close: () => new Promise((resolve) => server.close(() => resolve())) };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(path);
    if (!path.startsWith(base)) return void res.writeHead(404).end();
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(normalize(root))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    if (site.rewrite) return void res.end(site.rewrite(path.slice(base.length), readFileSync(file)));
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(site, { url: `http://127.0.0.1:${port}${base}` });
  return site;
}

/** Chromium flags: WebGPU on (SwiftShader without a GPU), no background traffic to other hosts. */
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-default-apps', '--disable-domain-reliability', '--disable-client-side-phishing-detection',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}
