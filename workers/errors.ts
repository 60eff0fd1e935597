/** Typed errors; across comlink only `name` and `message` survive, so callers branch on `name`. */

/** Base class: sets `name` so it survives structured cloning. */
export class ParleyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** No model pack is loaded yet, or it failed to load. */
export class NoPackError extends ParleyError {}
/** A model pack failed verification (missing file, hash mismatch, truncated, wrong version or domain). */
export class PackError extends ParleyError {}
/** The GPU device was lost and could not be recovered. */
export class DeviceLostError extends ParleyError {}
/** The caller aborted a long call. */
export class AbortError extends ParleyError {}
/** Input the engine cannot use (wrong image size, empty text). */
export class InputError extends ParleyError {}
/** Browser storage is full or unavailable. */
export class StorageError extends ParleyError {}

/** Throws `AbortError` when the signal has fired. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError('Cancelled.');
}
