/** What "it" becomes after a question or a bare reference, and the open question asked again. */
import type { Scene } from '../domain/scene.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import { resolveRef, type Resolution } from '../understanding/match.ts';
import type { Reading } from '../understanding/reading.ts';
import { readRef } from '../understanding/spans.ts';
import type { DialogueDomain } from './dialogue-domain.ts';
import type { OpenQuestion } from './request.ts';

/** "it" after a question: what the answer singled out, else what the question named ("the thing in the corner"). */
export function questionReferent(reading: Reading, answered: number[] | null, scene: Scene, lex: Lexicon, referent: number[] | null): number[] | null {
  if (answered) return answered;
  const asked = reading.clauses.flatMap((c) => c.spans).find((s) => s.role === 'TGT');
  const named = asked ? resolveRef(scene, readRef(asked.words, lex), lex.schema, { referent }) : null;
  return named?.status === 'ok' ? named.cells : referent;
}

/** The objects a bare reference ("the red one") picks, and its words. */
export function focusOf(reading: Reading, scene: Scene, lex: Lexicon, referent: number[] | null): { r: Resolution; words: string[] } {
  const words = reading.clauses[0]!.spans.find((s) => s.role === 'TGT')?.words ?? reading.clauses[0]!.words;
  return { r: resolveRef(scene, readRef(words, lex), lex.schema, { referent }), words };
}

/** The open question, asked again after a reply that did not answer it ('' when none is open). */
export function stillAsking(open: OpenQuestion | null, scene: Scene, rules: DialogueDomain): string {
  if (!open) return '';
  if (open.kind === 'what') return ` ${rules.replies.need({ need: 'what', targets: open.targets }, scene)}`;
  if (open.kind === 'confirm') return ' (Say yes or no to my question, or tell me what to do instead.)';
  return ` ${rules.replies.need(open.need, scene)}`;
}
