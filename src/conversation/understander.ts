/** The understander for the pack an engine has loaded: the domain's language schema plus the pack's tagger. */
import { SHAPES_LANGUAGE } from '../domains/shapes-v1/language.ts';
import { Lexicon } from '../understanding/lexicon.ts';
import { Understander } from '../understanding/understander.ts';
import type { Engine } from '../../workers/engine.ts';
import { NoPackError } from '../../workers/errors.ts';

let lexicon: Lexicon | null = null;

/** The domain's lexicon (shapes-v1 until domains are passed in), built once: restoring a dialogue needs only this. */
export function domainLexicon(): Lexicon {
  lexicon ??= new Lexicon(SHAPES_LANGUAGE);
  return lexicon;
}

/** Builds the understander; a pack without an understanding graph cannot hold a conversation. */
export async function understanderFor(engine: Engine): Promise<Understander> {
  const vocab = await engine.understandingVocab();
  if (!vocab) throw new NoPackError('This model pack has no understanding model, so Parley cannot read requests with it.');
  return new Understander(domainLexicon(), vocab, (input) => engine.understand(input));
}
