/**
 * The instruction grammar's reference interpreter (src/domains/shapes-v1/interpret.ts) as an exact fast path: a turn every
 * word of which is in the grammar's vocabulary is also read by the rules that generate the grammar, and the two
 * readings are compared. Where they agree no confirmation is needed; where the learned reading gives up, the
 * exact one is used; where the rules find the reference ambiguous, Parley asks.
 */
import { applyEdit, type Edit } from '../domains/shapes-v1/edits.ts';
import { interpret } from '../domains/shapes-v1/interpret.ts';
import type { Scene } from '../domains/shapes-v1/scene.ts';
import { UNK_ID, tokenIds } from '../domains/shapes-v1/tokenizer.ts';
import { splitConjunctions } from './conjunctions.ts';

/** What the rules read: edits, an ambiguity, or nothing they are sure of (null). */
export type ExactReading = { kind: 'edits'; edits: Edit[]; referent: number[] | null; scene: Scene } | { kind: 'clarify' } | null;

/** Longest turn handed to the rules (they re-split text; bounded so that no turn is slow). */
const MAX_WORDS = 40;

/** The rules' reading of a turn written entirely in the grammar's words, or null. */
export function exactReading(text: string, scene: Scene, referent: number[] | null): ExactReading {
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
