/** Emits `sw.js`: precaches every file of the build (app shell, wasm, model packs) under a content-versioned cache. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const TEMPLATE = fileURLToPath(new URL('./sw-template.js', import.meta.url));

export function serviceWorkerPlugin(): Plugin {
  return {
    name: 'parley-sw',
    apply: 'build',
    generateBundle(_, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map')).sort();
      const hash = createHash('sha256');
      for (const f of files) {
        const item = bundle[f];
        hash.update(f);
        hash.update(item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source));
      }
      const version = hash.digest('hex').slice(0, 16);
      // './' stands for index.html so navigations to the app's folder are served offline.
      const precache = ['./', ...files.filter((f) => f !== 'index.html').map((f) => `./${f}`), './index.html'];
      const source = readFileSync(TEMPLATE, 'utf8')
        .replace('__VERSION__', JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
