/**
 * The instruction grammar's reference interpreter (../interpret.ts) as an exact fast path: a turn every
 * word of which is in the grammar's vocabulary is also read by the rules that generate the grammar, and the two
 * readings are compared. Where they agree no confirmation is needed; where the learned reading gives up, the
 * exact one is used; where the rules find the reference ambiguous, Parley asks.
 */
import type { ExactReading } from '../../../dialogue/dialogue-domain.ts';
import { applyEdit, type Edit } from '../edits.ts';
import { interpret } from '../interpret.ts';
import type { Scene } from '../scene.ts';
import { UNK_ID, tokenIds } from '../tokenizer.ts';
import { splitConjunctions } from './conjunctions.ts';

/** Longest turn handed to the rules (they re-split text; bounded so that no turn is slow). */
const MAX_WORDS = 40;

/** The rules' reading of a turn written entirely in the grammar's words, or null. */
export function exactReading(text: string, scene: Scene, referent: number[] | null): ExactReading<Edit> {
  const ids = tokenIds(text, MAX_WORDS + 1);
  if (ids.length === 0 || ids.length > MAX_WORDS || ids.includes(UNK_ID)) return null;
  try {
    const r = interpret(splitConjunctions(text, { scene, referent }), { scene, referent });
    if (r.kind === 'clarify') return { kind: 'clarify' };
    if (r.kind !== 'edit') return null;
    return { kind: 'edits', edits: r.edits, referent: r.referent, scene: r.edits.reduce(applyEdit, scene) };
  } catch {
    return null; // an edit the scene does not allow: no exact reading
  }
}
