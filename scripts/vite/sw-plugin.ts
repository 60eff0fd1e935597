/**
 * Emits `sw.js`: precaches every shell file of the build (app, wasm, icons, the pack list) with its sha256, under a
 * content-versioned cache. Model-pack files are left to the pack loader, which verifies and caches them itself.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const TEMPLATE = fileURLToPath(new URL('./sw-template.js', import.meta.url));

export function serviceWorkerPlugin(): Plugin {
  return {
    name: 'parley-sw',
    apply: 'build',
    // After writing, so that the hashes are of the bytes on disk (CSS is still rewritten after generateBundle).
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js').sort();
      const hash = createHash('sha256');
      const digests = new Map<string, string>();
      for (const f of files) {
        const body = readFileSync(join(dir, f));
        hash.update(f);
        hash.update(body);
        digests.set(f, createHash('sha256').update(body).digest('hex'));
      }
      const version = hash.digest('hex').slice(0, 16);
      const shell = files.filter((f) => f !== 'index.html' && !(/^packs\/[^/]+\//.test(f)));
      // './' stands for index.html so navigations to the app's folder are served offline; the HTML is not hashed
      // because hosts may rewrite it (a CDN's injected headers or analytics), and it is re-fetched when online.
      const precache = [['./', null], ...shell.map((f) => [`./${f}`, digests.get(f)]), ['./index.html', null]];
      const source = readFileSync(TEMPLATE, 'utf8')
        .replace('__VERSION__', JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify(precache));
      writeFileSync(join(dir, 'sw.js'), source);
    },
  };
}
