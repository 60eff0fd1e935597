/** The understander for the pack an engine has loaded: the domain's language schema plus the pack's tagger. */
import { SHAPES_LANGUAGE } from '../domain/language.ts';
import { Understander } from '../understanding/understander.ts';
import type { Engine } from '../../workers/engine.ts';
import { NoPackError } from '../../workers/errors.ts';

/** Builds the understander; a pack without an understanding graph cannot hold a conversation. */
export async function understanderFor(engine: Engine): Promise<Understander> {
  const vocab = await engine.understandingVocab();
  if (!vocab) throw new NoPackError('This model pack has no understanding model, so Parley cannot read requests with it.');
  return new Understander(SHAPES_LANGUAGE, vocab, (input) => engine.understand(input));
}
