/** The model-pack manifest (`manifest.json`, format `parley-pack-v1`) and its validation. */
import { PackError } from '../errors.ts';

export const PACK_FORMAT = 'parley-pack-v1';

/** One file of a pack with its integrity data. */
export interface PackFile {
  bytes: number;
  sha256: string;
}

/** One ONNX graph of a pack. */
export interface PackGraph {
  file: string;
  inputs: string[];
  outputs: string[];
}

/** A parsed, validated manifest. */
export interface PackManifest {
  format: string;
  name: string;
  domain: string;
  image_size: number;
  config: Record<string, number | string | boolean>;
  tokenizer: { vocab: string; max_len: number };
  files: Record<string, PackFile>;
  graphs: Record<string, PackGraph>;
  kernels: { blob: string; layout: string };
  /** The understanding tagger's word list (with graphs.understanding). */
  understanding?: { vocab: string };
  quantization?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bounds on what a manifest may ask the app to download and allocate. */
export const PACK_LIMITS = { manifestBytes: 1 << 20, fileBytes: 512 << 20, packBytes: 1 << 30, imageSize: [8, 1024], maxLen: 512 } as const;
/** A file name inside the pack's folder: no slashes, no scheme, no "..". */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

function fail(problem: string): never {
  throw new PackError(`manifest.json: ${problem}`);
}

function text(v: unknown, what: string, max = 128): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) fail(`${what} must be a string of 1 to ${max} characters`);
  return v;
}

function whole(v: unknown, what: string, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) fail(`${what} must be a whole number from ${lo} to ${hi}`);
  return v;
}

function names(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.length > 64) fail(`${what} must be a list of at most 64 names`);
  v.forEach((n, i) => text(n, `${what}[${i}]`));
  return v as string[];
}

/** Parses manifest text, rejecting unknown versions, other domains, and any field out of shape or bounds. */
export function parseManifest(text_: string, expectedDomain?: string): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text_);
  } catch (e) {
    throw new PackError(`manifest.json is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(raw)) throw new PackError('manifest.json must be a JSON object');
  if (raw.format !== PACK_FORMAT) {
    throw new PackError(`Unknown pack format "${String(raw.format).slice(0, 40)}" (this app reads ${PACK_FORMAT})`);
  }
  if (typeof raw.name !== 'string' || !FILE_NAME.test(raw.name) || raw.name.length > 64) fail('"name" must be a plain name');
  text(raw.domain, '"domain"', 64);
  if (expectedDomain && raw.domain !== expectedDomain) {
    throw new PackError(`This pack is for domain "${String(raw.domain)}", not "${expectedDomain}"`);
  }
  whole(raw.image_size, '"image_size"', ...PACK_LIMITS.imageSize);
  for (const field of ['config', 'tokenizer', 'files', 'graphs', 'kernels'] as const) {
    if (!isObject(raw[field])) fail(`"${field}" must be an object`);
  }
  const m = raw as unknown as PackManifest;
  for (const [key, value] of Object.entries(m.config)) {
    if (!['number', 'string', 'boolean'].includes(typeof value)) fail(`config.${key} must be a number, string or boolean`);
  }
  whole(m.tokenizer.max_len, 'tokenizer.max_len', 1, PACK_LIMITS.maxLen);
  let total = 0;
  for (const [name, f] of Object.entries(m.files)) {
    // Only plain names: "https://evil.example/x.onnx" or "../x" would make the loader fetch from elsewhere.
    if (!FILE_NAME.test(name) || name.length > 128) fail(`unsafe file name "${name.slice(0, 60)}" (files must be inside the pack's folder)`);
    if (!isObject(f) || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) fail(`file entry "${name}" needs bytes and a hex sha256`);
    total += whole(f.bytes, `files["${name}"].bytes`, 0, PACK_LIMITS.fileBytes);
  }
  if (total > PACK_LIMITS.packBytes) fail(`the pack's files add up to ${total} bytes (at most ${PACK_LIMITS.packBytes})`);
  for (const [name, g] of Object.entries(m.graphs)) {
    if (!isObject(g)) fail(`graphs.${name} must be an object`);
    names(g.inputs, `graphs.${name}.inputs`);
    names(g.outputs, `graphs.${name}.outputs`);
  }
  const referenced: [string, unknown][] = [
    ['tokenizer.vocab', m.tokenizer.vocab], ['kernels.blob', m.kernels.blob], ['kernels.layout', m.kernels.layout],
    ...Object.entries(m.graphs).map(([name, g]): [string, unknown] => [`graphs.${name}.file`, g.file]),
  ];
  if (m.graphs.understanding) {
    if (!isObject(m.understanding) || typeof m.understanding.vocab !== 'string') {
      fail('a pack with an understanding graph needs "understanding": {"vocab": FILE}');
    }
    referenced.push(['understanding.vocab', m.understanding.vocab]);
  }
  for (const [field, file] of referenced) {
    if (typeof file !== 'string' || !Object.prototype.hasOwnProperty.call(m.files, file)) {
      throw new PackError(`manifest.json references "${String(file).slice(0, 60)}" (${field}), which is not listed in "files"`);
    }
  }
  return m;
}
