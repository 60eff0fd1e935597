/** Typed errors; across comlink only `name` and `message` survive, so callers branch on `name`. */

/** Base class: sets `name` so it survives structured cloning. */
export class ParleyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

// Each subclass spells its name out: the production build minifies class names, so `new.target.name` would be
// a mangled identifier there and every `name` branch would miss.

/** No model pack is loaded yet, or it failed to load. */
export class NoPackError extends ParleyError {
  override name = 'NoPackError';
}
/** A model pack failed verification (missing file, hash mismatch, truncated, wrong version or domain). */
export class PackError extends ParleyError {
  override name = 'PackError';
}
/** The GPU device was lost and could not be recovered. */
export class DeviceLostError extends ParleyError {
  override name = 'DeviceLostError';
}
/** A GPU step failed (validation, out of memory, an uncaptured device error): the turn moves to WASM. */
export class GpuError extends ParleyError {
  override name = 'GpuError';
}
/** The editor worker crashed or stopped answering, twice. */
export class WorkerError extends ParleyError {
  override name = 'WorkerError';
}
/** The caller aborted a long call. */
export class AbortError extends ParleyError {
  override name = 'AbortError';
}
/** Input the engine cannot use (wrong image size, empty text). */
export class InputError extends ParleyError {
  override name = 'InputError';
}
/** Browser storage is full or unavailable. */
export class StorageError extends ParleyError {
  override name = 'StorageError';
}

/** Throws `AbortError` when the signal has fired. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError('Cancelled.');
}

/** An operation the scene does not allow (editing an empty cell, adding to an occupied one). */
export class DomainError extends ParleyError {
  override name = 'DomainError';
}
