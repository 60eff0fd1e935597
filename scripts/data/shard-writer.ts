/** Streams training shards to disk in the models/SHARDS.md layout: one raw little-endian file per field + index.json. */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Element types of shard fields (names as numpy spells them). */
export type Dtype = 'uint8' | 'int8' | 'uint16';
/** A field: dtype and per-example shape (the leading N is added). */
export interface FieldSpec {
  dtype: Dtype;
  shape: number[];
}
type Typed = Uint8Array | Int8Array | Uint16Array;

const CTORS = { uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array } as const;
const SUFFIX = { uint8: 'u8', int8: 'i8', uint16: 'u16' } as const;

/** sha256 of src/domains/shapes-v1/vocab.json, recorded so readers can check they tokenize the same way. */
export function vocabSha256(): string {
  return createHash('sha256').update(readFileSync(new URL('../../src/domains/shapes-v1/vocab.json', import.meta.url))).digest('hex');
}

/** Writes examples in batches; call `row(i)` views, then `commit()` per example, then `finish()`. */
export class ShardWriter<F extends string> {
  private readonly fds = new Map<F, number>();
  private readonly bufs = new Map<F, Typed>();
  private readonly sizes = new Map<F, number>();
  private inBatch = 0;
  private written = 0;

  constructor(
    private readonly dir: string,
    private readonly fields: Record<F, FieldSpec>,
    private readonly index: Record<string, unknown>,
    private readonly batch = 256,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const [name, spec] of Object.entries(fields) as [F, FieldSpec][]) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      this.sizes.set(name, size);
      this.bufs.set(name, new CTORS[spec.dtype](size * batch));
      this.fds.set(name, openSync(join(dir, `${name}.${SUFFIX[spec.dtype]}`), 'w'));
    }
  }

  /** The slot of the current example in a field's batch buffer (fill it in place). */
  row<T extends Typed = Typed>(name: F): T {
    const size = this.sizes.get(name)!;
    return this.bufs.get(name)!.subarray(this.inBatch * size, (this.inBatch + 1) * size) as T;
  }

  /** Marks the current example complete. */
  commit(): void {
    if (++this.inBatch === this.batch) this.flush();
  }

  private flush(): void {
    for (const [name, fd] of this.fds) {
      const b = this.bufs.get(name)!;
      const n = this.inBatch * this.sizes.get(name)!;
      // Typed arrays are little-endian on every platform Node runs on; SHARDS.md requires LE.
      writeSync(fd, new Uint8Array(b.buffer, b.byteOffset, n * b.BYTES_PER_ELEMENT));
    }
    this.written += this.inBatch;
    this.inBatch = 0;
  }

  /** Flushes, closes the files and writes index.json; returns bytes written per field. */
  finish(): Record<F, number> {
    this.flush();
    for (const fd of this.fds.values()) closeSync(fd);
    const fields: Record<string, unknown> = {};
    const bytes = {} as Record<F, number>;
    for (const [name, spec] of Object.entries(this.fields) as [F, FieldSpec][]) {
      fields[name] = { file: `${name}.${SUFFIX[spec.dtype]}`, dtype: spec.dtype, shape: [this.written, ...spec.shape] };
      bytes[name] = this.written * this.sizes.get(name)! * CTORS[spec.dtype].BYTES_PER_ELEMENT;
    }
    const index = { format: 'parley-shards-v1', ...this.index, count: this.written, fields };
    writeFileSync(join(this.dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    return bytes;
  }
}

/** Human-readable byte count. */
export function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
}

/** Prints a per-field size table and the total. */
export function printSizes(bytes: Record<string, number>): void {
  let total = 0;
  for (const [name, n] of Object.entries(bytes)) {
    console.log(`  ${name.padEnd(12)} ${formatBytes(n).padStart(12)}`);
    total += n;
  }
  console.log(`  ${'total'.padEnd(12)} ${formatBytes(total).padStart(12)}`);
}
