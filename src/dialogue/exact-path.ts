/**
 * The exact fast path beside the learned reading: the domain's rules read turns written in its own words. When
 * both read a turn, agreement sets confidence 1; on disagreement the rules win only where they explain at least
 * as much of the turn (as many edits and objects, a picture that changes) and the words allow their edit.
 */
import { scenesEqual, type Scene } from '../domain/scene.ts';
import type { Change } from '../understanding/changes.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import type { Reading } from '../understanding/reading.ts';
import { contradictsIn } from './contradiction.ts';
import type { DialogueDomain, ExactReading } from './dialogue-domain.ts';
import { changedCells } from './turn-shape.ts';

/** The exact rules' edits to run instead, or whether the two readings agree. */
export type Settled = { use: 'exact'; changes: Change[]; referent: number[] | null } | { use: 'learned'; agree: boolean };

/**
 * Settles a turn the rules read as edits. `learned` is the learned reading's changes, or null when it gave up or
 * asked; `against` says they were turned to follow the words (a contradiction), which the rules never override.
 */
export function settle(rules: DialogueDomain, lex: Lexicon, reading: Reading, scene: Scene, exact: Extract<ExactReading, { kind: 'edits' }>,
  learned: readonly Change[] | null, against: boolean): Settled {
  const exactChanges = exact.edits.map((e) => rules.toChange(e));
  const allowed = () => !contradictsIn(reading, exactChanges, lex, scene);
  if (learned === null) return allowed() ? { use: 'exact', changes: exactChanges, referent: exact.referent } : { use: 'learned', agree: false };
  const edits = learned.map((c) => rules.toEdit(c));
  const theirs = edits.reduce((s, e) => { try { return rules.applyEdit(s, e); } catch { return s; } }, scene);
  if (scenesEqual(exact.scene, theirs)) return { use: 'learned', agree: true };
  const more = exact.edits.length >= edits.length && changedCells(exactChanges).length >= changedCells(learned).length;
  if (!against && more && !scenesEqual(exact.scene, scene) && allowed()) return { use: 'exact', changes: exactChanges, referent: exact.referent };
  return { use: 'learned', agree: false };
}
