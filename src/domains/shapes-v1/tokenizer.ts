/** The fixed-vocabulary tokenizer shared with models/tokenizer.py (a parity test keeps them identical). */
import { words } from '../../domain/words.ts';
import vocabJson from './vocab.json';

export { words };

/** The vocabulary: id = index; 0 = <pad>, 1 = <unk>. */
export const VOCAB: readonly string[] = vocabJson as string[];
/** Padding id. */
export const PAD_ID = 0;
/** Unknown-word id. */
export const UNK_ID = 1;
/** Default token length of edit instructions (models/MATH.md Lmax). */
export const MAX_LEN = 32;

const IDS = new Map(VOCAB.map((w, i) => [w, i]));
/** Every word of the vocabulary (specials excluded), for typo correction. */
export const KNOWN_WORDS: ReadonlySet<string> = new Set(VOCAB.slice(2));

/** Token ids of a text, unpadded, truncated to maxLen. */
export function tokenIds(text: string, maxLen = MAX_LEN): number[] {
  return words(text)
    .slice(0, maxLen)
    .map((w) => IDS.get(w) ?? UNK_ID);
}

/** Token ids padded with zeros to maxLen (written to `out` at `offset` when given). */
export function encode(text: string, maxLen = MAX_LEN, out: Uint16Array = new Uint16Array(maxLen), offset = 0): Uint16Array {
  const ids = tokenIds(text, maxLen);
  out.fill(PAD_ID, offset, offset + maxLen);
  out.set(ids, offset);
  return out;
}

/** Words of token ids (pads dropped), for debugging and reports. */
export function decode(ids: ArrayLike<number>): string {
  return Array.from(ids)
    .filter((i) => i !== PAD_ID)
    .map((i) => VOCAB[i] ?? '<unk>')
    .join(' ');
}
