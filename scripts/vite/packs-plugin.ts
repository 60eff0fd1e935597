/** Serves `models/packs/<name>/` at `packs/<name>/` in dev and copies them into the build, with a `packs/index.json`. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const PACKS_DIR = 'models/packs';

/** A pack as listed in `packs/index.json` for the pack picker. */
export interface PackListing {
  name: string;
  domain: string;
  /** It can hold a conversation: it reads pictures (recognizer) and requests (understanding). */
  editable: boolean;
  bytes: number;
  path: string;
}

function packNames(root: string): string[] {
  const dir = join(root, PACKS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => existsSync(join(dir, n, 'manifest.json'))).sort();
}

function listing(root: string): PackListing[] {
  return packNames(root).map((name) => {
    const manifest = JSON.parse(readFileSync(join(root, PACKS_DIR, name, 'manifest.json'), 'utf8'));
    const files = Object.values(manifest.files as Record<string, { bytes: number }>);
    const editable = Boolean(manifest.graphs?.recognizer && manifest.graphs?.understanding);
    return { name, domain: manifest.domain, editable, bytes: files.reduce((s, f) => s + f.bytes, 0), path: `packs/${name}/` };
  });
}

/** Files of every pack, relative to the pack root, for copying and precaching. */
function packFiles(root: string): string[] {
  return packNames(root).flatMap((name) =>
    readdirSync(join(root, PACKS_DIR, name))
      .filter((f) => statSync(join(root, PACKS_DIR, name, f)).isFile())
      .map((f) => `${name}/${f}`),
  );
}

export function packsPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'parley-packs',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /\/packs\/(.+)$/.exec((req.url ?? '').split('?')[0]);
        if (!match) return next();
        if (match[1] === 'index.json') {
          res.setHeader('content-type', 'application/json');
          return res.end(JSON.stringify(listing(root)));
        }
        const file = join(root, PACKS_DIR, match[1]);
        if (match[1].includes('..') || !existsSync(file) || !statSync(file).isFile()) return next();
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'packs/index.json', source: JSON.stringify(listing(root)) });
      for (const rel of packFiles(root)) {
        this.emitFile({ type: 'asset', fileName: `packs/${rel}`, source: readFileSync(join(root, PACKS_DIR, rel)) });
      }
    },
  };
}
