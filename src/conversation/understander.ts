/** The understander for the pack an engine has loaded: the domain's language schema plus the pack's tagger. */
import type { Domain } from '../domain/domain.ts';
import { Lexicon } from '../understanding/lexicon.ts';
import { Understander } from '../understanding/understander.ts';
import type { Engine } from '../../workers/engine.ts';
import { NoPackError } from '../../workers/errors.ts';

const lexicons = new WeakMap<Domain, Lexicon>();

/** The domain's lexicon, built once per domain: restoring a dialogue needs only this. */
export function domainLexicon(domain: Domain): Lexicon {
  let lexicon = lexicons.get(domain);
  if (!lexicon) lexicons.set(domain, (lexicon = new Lexicon(domain.language)));
  return lexicon;
}

/** Builds the understander; a pack without an understanding graph cannot hold a conversation. */
export async function understanderFor(engine: Engine, domain: Domain): Promise<Understander> {
  const vocab = await engine.understandingVocab();
  if (!vocab) throw new NoPackError('This model pack has no understanding model, so Parley cannot read requests with it.');
  return new Understander(domainLexicon(domain), vocab, (input) => engine.understand(input));
}
