/** How every pack's text encoder splits text into words (models/tokenizer.py does the same). */

/** Words of a text: Unicode NFKC, lowercase, runs of [a-z0-9'], everything else dropped. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[a-z0-9']+/g) ?? [];
}
