/** Small helpers the CLIs share: failing with a clear message, reading input files and PNGs. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodePng, encodePng, type RgbaImage } from './png.ts';

/** Prints `message` to stderr and exits with `code` (2: bad usage or input). */
export function fail(message: string, code = 2): never {
  console.error(`error: ${message}`);
  process.exit(code);
}

/** Reads an input file, failing clearly when it is missing, a folder, or empty. */
export function readInput(path: string | undefined, what: string): Buffer {
  if (!path) fail(`missing ${what}`);
  if (!existsSync(path)) fail(`${what} not found: ${path}`);
  if (statSync(path).isDirectory()) fail(`${what} is a folder, not a file: ${path}`);
  const bytes = readFileSync(path);
  if (bytes.length === 0) fail(`${what} is empty: ${path}`);
  return bytes;
}

/** Decodes a PNG input, failing with the decoder's reason. */
export function readPng(path: string | undefined): RgbaImage {
  const bytes = readInput(path, 'image');
  try {
    return decodePng(bytes);
  } catch (e) {
    fail(`${path}: ${(e as Error).message} (the CLI reads PNG images)`);
  }
}

/** Writes RGBA pixels as a PNG, creating folders as needed. */
export function writePng(path: string, data: Uint8ClampedArray, width: number, height = width): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, encodePng({ width, height, data }));
}

/** Default location of a released pack. */
export function packDir(name: string, override?: string): string {
  const dir = override ?? `models/packs/${name}`;
  if (!existsSync(resolve(dir, 'manifest.json'))) fail(`no model pack at ${dir} (manifest.json missing); pass --pack DIR`);
  return dir;
}
