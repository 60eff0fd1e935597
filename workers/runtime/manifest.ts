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

/** Parses manifest text, rejecting unknown versions, other domains and missing or inconsistent fields. */
export function parseManifest(text: string, expectedDomain?: string): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PackError(`manifest.json is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(raw)) throw new PackError('manifest.json must be a JSON object');
  if (raw.format !== PACK_FORMAT) {
    throw new PackError(`Unknown pack format "${String(raw.format)}" (this app reads ${PACK_FORMAT})`);
  }
  for (const field of ['name', 'domain'] as const) {
    if (typeof raw[field] !== 'string') throw new PackError(`manifest.json: "${field}" must be a string`);
  }
  if (expectedDomain && raw.domain !== expectedDomain) {
    throw new PackError(`This pack is for domain "${String(raw.domain)}", not "${expectedDomain}"`);
  }
  if (typeof raw.image_size !== 'number' || raw.image_size <= 0) throw new PackError('manifest.json: bad image_size');
  for (const field of ['config', 'tokenizer', 'files', 'graphs', 'kernels'] as const) {
    if (!isObject(raw[field])) throw new PackError(`manifest.json: "${field}" must be an object`);
  }
  const m = raw as unknown as PackManifest;
  for (const [name, f] of Object.entries(m.files)) {
    if (!isObject(f) || typeof f.bytes !== 'number' || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      throw new PackError(`manifest.json: file entry "${name}" needs bytes and a hex sha256`);
    }
    if (name.includes('..') || name.startsWith('/')) throw new PackError(`manifest.json: unsafe file name "${name}"`);
  }
  const referenced = [
    m.tokenizer.vocab,
    m.kernels.blob,
    m.kernels.layout,
    ...Object.values(m.graphs).map((g) => (isObject(g) ? g.file : undefined)),
  ];
  if (m.graphs.understanding) {
    if (!isObject(m.understanding) || typeof m.understanding.vocab !== 'string') {
      throw new PackError('manifest.json: a pack with an understanding graph needs "understanding": {"vocab": FILE}');
    }
    referenced.push(m.understanding.vocab);
  }
  for (const file of referenced) {
    if (typeof file !== 'string' || !(file in m.files)) {
      throw new PackError(`manifest.json references "${String(file)}", which is not listed in "files"`);
    }
  }
  return m;
}
