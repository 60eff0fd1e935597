import { describe, expect, it } from 'vitest';
import { SERIOUS, describeError, errorName } from '../../../src/app/errors.ts';
import { DeviceLostError, GpuError, InputError, NoPackError, PackError, StorageError, WorkerError } from '../../../workers/errors.ts';

/** What comlink rebuilds on this side of the worker: a plain Error with the name set. */
const remote = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('describeError', () => {
  it('passes input problems through as they are written for users', () => {
    expect(describeError(new InputError('That is not an image (text/plain).'))).toBe('That is not an image (text/plain).');
    expect(describeError(new NoPackError('No model pack is loaded yet.'))).toBe('No model pack is loaded yet.');
  });

  it('tells the user what to do about a lost GPU, a broken pack and a full disk', () => {
    expect(describeError(remote('DeviceLostError', 'device lost'))).toMatch(/GPU stopped working \(device lost\).*WASM under Settings/);
    expect(describeError(new PackError('hash mismatch for decoder.onnx.'))).toMatch(/^The model pack is broken: hash mismatch for decoder\.onnx\. Pick another pack/);
    expect(describeError(new PackError('bad file (sha256 12ab…)'))).toMatch(/\(sha256 12ab…\)\. Pick another pack/);
    expect(describeError(new StorageError('Browser storage is full: delete old sessions.'))).toBe('Browser storage is full: delete old sessions.');
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    expect(errorName(quota)).toBe('StorageError');
    expect(describeError(quota)).toMatch(/storage is full/);
  });

  it('says "Cancelled." for an abort and labels anything else', () => {
    expect(describeError(remote('AbortError', 'x'))).toBe('Cancelled.');
    expect(describeError(new TypeError('x is undefined'))).toBe('Something went wrong: x is undefined');
    expect(describeError('boom')).toBe('Something went wrong: boom');
  });

  it('banners the app-wide errors only', () => {
    expect([...SERIOUS].sort()).toEqual(['DeviceLostError', 'GpuError', 'NoPackError', 'PackError', 'StorageError', 'WorkerError']);
    expect(describeError(new WorkerError('The editor stopped working (no answer in 120 s), also on a fresh start'))).toBe(
      'The editor stopped working (no answer in 120 s), also on a fresh start. Press Retry to run the turn again, or reload the page.',
    );
    expect(describeError(new GpuError('out of memory'))).toMatch(/^The GPU failed a step \(out of memory\)\. Choose WASM/);
    expect(SERIOUS.has(errorName(new DeviceLostError('x')))).toBe(true);
    expect(SERIOUS.has(errorName(new InputError('x')))).toBe(false);
  });
});
