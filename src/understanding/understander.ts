/**
 * Reads a turn: normalizes it once, encodes it for the tagger, runs the tagger (through the engine, in the
 * worker) and decodes clauses. Holds the domain's lexicon and a spelling corrector that knows every word the
 * lexicon and the tagger know.
 */
import { encodeFeatures, vocabMap } from './features.ts';
import { englishWords } from './english-words.ts';
import { Lexicon } from './lexicon.ts';
import { respanAddition } from './add-spans.ts';
import { readComparisons } from './comparisons.ts';
import { decode, pairTargetsWithValues, type Reading, type TaggerOutput } from './reading.ts';
import { SpellingCorrector } from './spelling.ts';
import type { Context } from './tags.ts';
import { normalize } from './text.ts';

/** Runs the tagger on encoded ids (the engine's `understand`). */
export type TaggerRunner = (input: { words: Int32Array; ngrams: Int32Array; length: number }) => Promise<TaggerOutput>;

export class Understander {
  private readonly corrector: SpellingCorrector;
  private readonly vocab: Map<string, number>;

  constructor(readonly lexicon: Lexicon, vocab: readonly string[], private readonly run: TaggerRunner) {
    this.vocab = vocabMap(vocab);
    this.corrector = new SpellingCorrector([...this.lexicon.words(), ...vocab], this.lexicon.valueWords(), englishWords());
  }

  /** Reads one turn in its dialogue context. */
  async read(text: string, context: Context): Promise<Reading> {
    const utterance = normalize(text, this.corrector);
    if (utterance.words.length === 0) return { utterance, context, clauses: [] };
    const f = encodeFeatures(utterance.words, context, this.vocab);
    const out = await this.run({ words: f.words, ngrams: f.ngrams, length: f.length });
    const read = decode({ ...utterance, words: utterance.words.slice(0, f.length - 1) }, context, out);
    return readComparisons(pairTargetsWithValues({ ...read, clauses: read.clauses.map((c) => respanAddition(c, this.lexicon)) }), this.lexicon);
  }
}
