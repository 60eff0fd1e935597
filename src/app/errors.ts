/** User-facing text for every error the app can meet; typed errors are told apart by `name` (workers/errors.ts). */
import { storageError } from '../store/kv.ts';

/** Errors worth a banner as well as the transcript entry: they affect the whole app, not one turn. */
export const SERIOUS = new Set(['StorageError', 'DeviceLostError', 'GpuError', 'WorkerError', 'PackError', 'NoPackError']);

/** The error's `name` (what survives a worker boundary), with DOM quota errors seen as StorageError. */
export function errorName(e: unknown): string {
  const name = (e as { name?: unknown })?.name;
  if (name === 'QuotaExceededError') return 'StorageError';
  return typeof name === 'string' ? name : 'Error';
}

/** The text with a full stop at the end, unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** One clear sentence or two for the user, saying what happened and what to do. */
export function describeError(e: unknown): string {
  const message = String((e as { message?: unknown })?.message ?? e ?? 'unknown error').trim();
  switch (errorName(e)) {
    case 'InputError':
    case 'NoPackError':
    case 'NotEditableError':
      return message;
    case 'StorageError':
      return (e as { name?: unknown })?.name === 'StorageError' ? message : storageError(e).message;
    case 'DeviceLostError':
      return `The GPU stopped working (${message}). Reload the page, or choose WASM under Settings.`;
    case 'GpuError':
      return `The GPU failed a step (${message}). Choose WASM under Settings, or reload the page.`;
    case 'WorkerError':
      return `${sentence(message)} Press Retry to run the turn again, or reload the page.`;
    case 'PackError':
      return `The model pack is broken: ${sentence(message)} Pick another pack, or reload to download it again.`;
    case 'AbortError':
      return 'Cancelled.';
    default:
      return `Something went wrong: ${message}`;
  }
}
