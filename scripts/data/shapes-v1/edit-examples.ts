/** Single-turn edit examples for the `edits` shards: scene, instruction (+ previous instruction), result. */
import { decorate } from './decorate.ts';
import { describeOne } from './describe.ts';
import { applyEdit, editFocus, type Edit, type EditOp } from '../../../src/domains/shapes-v1/edits.ts';
import { randomScene } from '../../../src/domains/shapes-v1/generate-scene.ts';
import { planEdit, realizePlan, type EditPlan } from './instruct.ts';
import type { Split } from '../../../src/domains/shapes-v1/lexicon.ts';
import { randomEdit, TARGET_OPS } from './random-edit.ts';
import type { Rng } from '../../../src/domain/rng.ts';
import { FRAMES } from '../../../src/domains/shapes-v1/templates.ts';
import { objectAt, occupiedCells, type Attribute, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { realizeRef } from '../../../src/domains/shapes-v1/realize.ts';

/** How the instruction refers to its object. */
export type ExampleKind = 'plain' | 'plural' | 'pronoun' | 'same' | 'same-as' | 'two-sentence';

/** One training example: `src` + `text` (+ `context`, the previous instruction) -> `tgt`. */
export interface EditExample {
  kind: ExampleKind;
  src: Scene;
  tgt: Scene;
  text: string;
  /** The previous turn's instruction when `text` refers back to it, else ''. */
  context: string;
  /** Referent of the previous turn (cells in `src`), null without context. */
  referent: number[] | null;
  edit: Edit;
}

const KIND_WEIGHTS: readonly [ExampleKind, number][] = [
  ['plain', 0.55], ['plural', 0.1], ['pronoun', 0.17], ['same', 0.05], ['same-as', 0.05], ['two-sentence', 0.08],
];
const ATTRS: readonly Attribute[] = ['color', 'shape', 'size', 'texture'];
const OP_OF: Readonly<Record<Attribute, EditOp>> = { color: 'recolor', shape: 'reshape', size: 'resize', texture: 'retexture' };

function pickKind(rng: Rng): ExampleKind {
  let r = rng.next();
  for (const [k, w] of KIND_WEIGHTS) if ((r -= w) < 0) return k;
  return 'plain';
}

// A "same ATTR" edit: target takes the source's attribute value (null when they already agree everywhere).
function sameEdit(rng: Rng, scene: Scene, target: number, source: number): { edit: Edit; attr: Attribute } | null {
  const t = objectAt(scene, target);
  const s = objectAt(scene, source);
  const attrs = ATTRS.filter((a) => t[a] !== s[a]);
  if (attrs.length === 0) return null;
  const attr = rng.pick(attrs);
  const op = OP_OF[attr];
  const cells = [target];
  const edit: Edit = op === 'recolor' ? { op, cells, color: s.color } : op === 'reshape' ? { op, cells, shape: s.shape }
    : op === 'resize' ? { op, cells, size: s.size } : { op: 'retexture', cells, texture: s.texture };
  return { edit, attr };
}

/** Options of makeEditExample; `postnominal` as in realizeRef (train split only). */
export interface ExampleOptions {
  typo?: number;
  kind?: ExampleKind;
  postnominal?: boolean;
}

function text(rng: Rng, plan: EditPlan, scene: Scene, split: Split, opts: ExampleOptions): string {
  return decorate(rng, realizePlan(rng, plan, scene, split, opts), split, { typo: opts.typo ?? 0.08 });
}

/** Generates one example of the given split; retries internally until the scene allows the chosen kind. */
export function makeEditExample(rng: Rng, split: Split, opts: ExampleOptions = {}): EditExample {
  for (;;) {
    const kind = opts.kind ?? pickKind(rng);
    const scene = randomScene(rng, { minObjects: 2, maxObjects: 7 });
    if (kind === 'plain' || kind === 'plural') {
      const c = randomEdit(rng, scene, kind === 'plural' ? { ops: TARGET_OPS, plural: 1 } : {});
      if (!c || (kind === 'plural') !== (c.group !== undefined)) continue;
      const plan = planEdit(rng, scene, c.edit, c.group ? { target: c.group } : {});
      return { kind, src: scene, tgt: applyEdit(scene, c.edit), text: text(rng, plan, scene, split, opts), context: '', referent: null, edit: c.edit };
    }
    if (kind === 'same-as') {
      const [t, s] = rng.shuffle(occupiedCells(scene));
      const e = sameEdit(rng, scene, t!, s!);
      if (!e) continue;
      const plan = planEdit(rng, scene, e.edit, { same: { attr: e.attr, source: describeOne(rng, scene, s!, { rel: 0 }) } });
      return { kind, src: scene, tgt: applyEdit(scene, e.edit), text: text(rng, plan, scene, split, opts), context: '', referent: null, edit: e.edit };
    }
    if (kind === 'two-sentence') {
      const c = randomEdit(rng, scene, { ops: ['recolor', 'reshape', 'resize', 'retexture', 'remove', 'move'] });
      if (!c) continue;
      const cell = c.edit.op === 'move' ? c.edit.from : (c.edit as { cells: number[] }).cells[0]!;
      const focusFrame = rng.pick(split === 'train' ? FRAMES.focus.both : FRAMES.focus.heldout);
      const focus = focusFrame.replace('{R}', realizeRef(rng, describeOne(rng, scene, cell), split, { postnominal: opts.postnominal }));
      const main = text(rng, planEdit(rng, scene, c.edit, { pronoun: true }), scene, split, opts);
      return { kind, src: scene, tgt: applyEdit(scene, c.edit), text: `${focus} ${main}`, context: '', referent: null, edit: c.edit };
    }
    // pronoun / same: a first turn names an object; this turn refers back to it.
    const first = randomEdit(rng, scene, { ops: ['recolor', 'reshape', 'resize', 'retexture', 'move', 'swap', 'add'] });
    if (!first) continue;
    const context = text(rng, planEdit(rng, scene, first.edit), scene, split, opts);
    const src = applyEdit(scene, first.edit);
    const referent = editFocus(first.edit)!;
    let edit: Edit;
    let plan: EditPlan;
    if (kind === 'pronoun') {
      const c = randomEdit(rng, src, { ops: [...TARGET_OPS, 'move'], target: referent[0]! });
      if (!c) continue;
      [edit, plan] = [c.edit, planEdit(rng, src, c.edit, { pronoun: true })];
    } else {
      const others = occupiedCells(src).filter((x) => x !== referent[0]);
      const e = others.length ? sameEdit(rng, src, rng.pick(others), referent[0]!) : null;
      if (!e) continue;
      [edit, plan] = [e.edit, planEdit(rng, src, e.edit, { same: { attr: e.attr, source: null } })];
    }
    return { kind, src, tgt: applyEdit(src, edit), text: text(rng, plan, src, split, opts), context, referent, edit };
  }
}
