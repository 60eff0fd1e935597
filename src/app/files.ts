/** Browser file helpers: downloads, reading text, safe file names. */
import { InputError } from '../../workers/errors.ts';

/** Saves a blob through the browser's download (an `<a download>` click; nothing leaves the machine). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click's task has run.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A title as a lower-case, dash-separated file name part ("Two squares" -> "two-squares"). */
export function fileSlug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'parley';
}

/** A file's text as UTF-8, with a clear error when it cannot be read. */
export async function readText(file: Blob): Promise<string> {
  try {
    return await file.text();
  } catch (e) {
    throw new InputError(`That file could not be read (${(e as Error).message}).`);
  }
}
