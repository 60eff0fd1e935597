/** Small helpers the CLIs share: reading arguments, failing with a clear message, reading input files and PNGs. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { decodePng, encodePng, type RgbaImage } from './png.ts';

type CliOptions = NonNullable<ParseArgsConfig['options']>;
type Choices<O> = { readonly [K in keyof O]?: readonly string[] };
type Parsed<O extends CliOptions> = ReturnType<typeof parseArgs<{ options: O }>>['values'];
type Get<T, K> = K extends keyof T ? T[K] : never;

/** What a CLI accepts: node:util parseArgs options, the ones it needs, the values a string option allows, its usage text. */
export interface CliSpec<O extends CliOptions, R extends keyof O, C extends Choices<O>> {
  usage: string;
  options: O;
  required?: readonly R[];
  choices?: C;
}

/** Parsed option values: required options are never undefined, options with choices are one of them. */
export type CliValues<O extends CliOptions, R extends keyof O = never, C extends Choices<O> = {}> = Parsed<O> &
  { [K in R]-?: NonNullable<Get<Parsed<O>, K>> } &
  { [K in keyof C]: Get<C[K], number> | (K extends R ? never : Extract<Get<Parsed<O>, K>, undefined>) };

/** The outcome of reading argv: values, a request for help, or what was wrong. */
export type CliRead<V> = { values: V } | { help: true } | { error: string };

/** Reads argv against a spec without exiting (parseCli is the exiting form the CLIs call). */
export function readCli<const O extends CliOptions, const R extends keyof O & string = never, const C extends Choices<O> = {}>(
  spec: CliSpec<O, R, C>,
  argv: readonly string[],
): CliRead<CliValues<O, R, C>> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: [...argv], options: { ...spec.options, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) {
    // `--help` wins over whatever else is wrong on the line, as in most CLIs
    if (argv.includes('--help') || argv.includes('-h')) return { help: true };
    return { error: (e as Error).message };
  }
  if (values.help) return { help: true };
  delete values.help;
  for (const name of spec.required ?? []) if (values[name] === undefined) return { error: `missing --${name}` };
  for (const [name, allowed] of Object.entries(spec.choices ?? {}) as [string, readonly string[]][]) {
    const given = values[name];
    for (const v of given === undefined ? [] : [given].flat()) {
      if (!allowed.includes(String(v))) return { error: `--${name} must be ${allowed.join(' or ')}, got "${String(v)}"` };
    }
  }
  return { values: values as CliValues<O, R, C> };
}

/** Reads process.argv: `--help` prints the usage and exits 0, a bad or missing option fails with exit code 2. */
export function parseCli<const O extends CliOptions, const R extends keyof O & string = never, const C extends Choices<O> = {}>(
  spec: CliSpec<O, R, C>,
  argv: readonly string[] = process.argv.slice(2),
): CliValues<O, R, C> {
  const read = readCli(spec, argv);
  if ('help' in read) {
    console.log(`usage: ${spec.usage}`);
    process.exit(0);
  }
  if ('error' in read) fail(`${read.error}\nusage: ${spec.usage}`);
  return read.values;
}

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
