/** A `PackSource` reading a pack folder from the file system, for the Node CLIs and tests. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PackSource } from '../../workers/runtime/pack-loader.ts';

export function fileSource(dir: string): PackSource {
  const root = resolve(dir);
  return {
    location: root,
    async read(name, onBytes) {
      const bytes = new Uint8Array(await readFile(join(root, name)));
      onBytes?.(bytes.byteLength);
      return bytes;
    },
  };
}
