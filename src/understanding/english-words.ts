/** Common English words (WordNet 3.0, `npm run data:english-words`): what the spelling corrector leaves alone. */
import data from './english-words.json';

let words: ReadonlySet<string> | null = null;

/** The set, built on first use (38k words). */
export function englishWords(): ReadonlySet<string> {
  return (words ??= new Set(data.words.split(' ')));
}
