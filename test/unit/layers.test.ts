/** STYLE 12 and 14 as a test: the generic layers import no domain, and each imports only layers below it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every .ts file under a folder of src/, as paths relative to the repository. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** The repository paths a file imports (relative imports only). */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => relative(ROOT, resolve(ROOT, file, '..', m[1]!)));
}

/** For each generic layer, the folders it must not import (the domains, and every layer above it). */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  'src/domain': ['src/domains', 'src/understanding', 'src/dialogue', 'src/conversation', 'src/store', 'src/app'],
  'src/understanding': ['src/domains', 'src/dialogue', 'src/conversation', 'src/store', 'src/app'],
  'src/dialogue': ['src/domains', 'src/conversation', 'src/store', 'src/app'],
  'src/conversation': ['src/domains', 'src/store', 'src/app'],
};

describe('layers', () => {
  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`${layer} imports no domain and no layer above it`, () => {
      const bad = sources(layer).flatMap((f) => imports(f).filter((p) => forbidden.some((x) => p === x || p.startsWith(`${x}/`))).map((p) => `${f} -> ${p}`));
      expect(bad).toEqual([]);
    });
  }
});
