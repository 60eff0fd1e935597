/** Plans how an edit is referred to and writes it as an English instruction (train or held-out phrasing). */
import { describeOne } from './describe.ts';
import type { Edit } from '../../../src/domains/shapes-v1/edits.ts';
import {
  ATTRIBUTE_NOUNS, COLOR_WORDS, COMPARATIVES, DEGREE, RELATIONS, SHAPE_NOUNS, SIZE_WORDS, STEP_UNITS, STEP_WORDS,
  TEXTURE_NOUNS, TEXTURE_WORDS, choose, type Lex, type Split,
} from '../../../src/domains/shapes-v1/lexicon.ts';
import { article, positionName, positionPhrase, realizeObject, realizeRef, type RealizeOptions } from '../../../src/domains/shapes-v1/realize.ts';
import type { Ref } from '../../../src/domains/shapes-v1/refs.ts';
import type { Rng } from '../../../src/domain/rng.ts';
import { neighbor, objectAt, type Attribute, type Direction, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { FRAMES } from '../../../src/domains/shapes-v1/templates.ts';

/** Where an added or moved object goes. */
export type Destination =
  | { kind: 'cell'; cell: number }
  | { kind: 'step'; dir: Direction }
  | { kind: 'rel'; dir: Direction; landmark: Ref };

/** An edit together with the way the instruction refers to its objects and values. */
export interface EditPlan {
  edit: Edit;
  /** Targets of recolor..remove, the moved object, or the first object of a swap. */
  target?: Ref;
  /** Second object of a swap. */
  second?: Ref;
  /** Destination of add and move. */
  dest?: Destination;
  /** Value phrased as "the same ATTR": as `source`, or (null) as the previous referent. */
  same?: { attr: Attribute; source: Ref | null };
}

/** A realized instruction sentence; `imperative` says whether it starts with a verb (politeness fits). */
export interface Sentence {
  text: string;
  imperative: boolean;
}

function frame(rng: Rng, l: Lex, split: Split): string {
  // Frames (unlike words) are disjoint between splits: every held-out instruction has an unseen frame.
  return rng.pick(split === 'train' ? l.both : l.heldout);
}

function fill(t: string, slots: Record<string, string>, plural = false): Sentence {
  // Verb agreement for plural targets ("all the stars have to go").
  if (plural) t = t.replace('{R} has to', '{R} have to').replace('{R} needs to', '{R} need to');
  const text = t.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = slots[k];
    if (v === undefined) throw new Error(`frame slot {${k}} not filled`);
    return v;
  });
  return { text, imperative: !/^(\{|i |can |there |let )/.test(t) };
}

function destPhrase(rng: Rng, d: Destination, split: Split, prep: 'to' | 'in', opts: RealizeOptions): string {
  if (d.kind === 'step') {
    const word = choose(rng, STEP_WORDS[d.dir], split);
    if (!rng.chance(0.5)) return word;
    const unit = choose(rng, STEP_UNITS, split);
    return (d.dir === 'left' || d.dir === 'right') && rng.chance(0.5) ? `${unit} to the ${word}` : `${unit} ${word}`;
  }
  if (d.kind === 'rel') return `${choose(rng, RELATIONS[d.dir], split)} ${realizeRef(rng, d.landmark, split, opts)}`;
  return prep === 'to' ? `to the ${positionName(rng, d.cell, split)}` : positionPhrase(rng, d.cell, split);
}

function sameValue(rng: Rng, same: NonNullable<EditPlan['same']>, split: Split, opts: RealizeOptions): string {
  const noun = choose(rng, ATTRIBUTE_NOUNS[same.attr], split);
  return `the same ${noun}${same.source ? ` as ${realizeRef(rng, same.source, split, opts)}` : ''}`;
}

function requireRef(r: Ref | undefined): Ref {
  if (!r) throw new Error('plan is missing a reference');
  return r;
}

/** Writes the plan as one sentence in the split's phrasing (no politeness, typos or punctuation yet); `opts.postnominal`
 * as in realizeRef. */
export function realizePlan(rng: Rng, plan: EditPlan, scene: Scene, split: Split, opts: RealizeOptions = {}): Sentence {
  const e = plan.edit;
  const refOpts = { postnominal: opts.postnominal };
  const R = () => realizeRef(rng, requireRef(plan.target), split, refOpts);
  const plural = plan.target !== undefined && plan.target.number !== 'one';
  if (plan.same && e.op !== 'remove' && e.op !== 'add' && e.op !== 'move' && e.op !== 'swap') {
    return fill(frame(rng, FRAMES.same, split), { R: R(), Q: sameValue(rng, plan.same, split, refOpts) });
  }
  switch (e.op) {
    case 'recolor':
      return fill(frame(rng, FRAMES.recolor, split), { R: R(), C: choose(rng, COLOR_WORDS[e.color], split) }, plural);
    case 'reshape': {
      const noun = choose(rng, SHAPE_NOUNS[e.shape], split)[0];
      return fill(frame(rng, FRAMES.reshape, split), { R: R(), A: `${article(noun)} ${noun}` });
    }
    case 'resize': {
      if (e.size !== 'bigger' && e.size !== 'smaller') {
        return fill(frame(rng, FRAMES.resizeAbsolute, split), { R: R(), Z: choose(rng, SIZE_WORDS[e.size], split) });
      }
      const cmp = choose(rng, COMPARATIVES[e.size], split);
      const X = rng.chance(0.2) ? `${choose(rng, DEGREE, split)} ${cmp}` : cmp;
      return fill(frame(rng, FRAMES[e.size], split), { R: R(), X }, plural);
    }
    case 'retexture': {
      const current = e.cells.map((c) => objectAt(scene, c).texture);
      if (e.texture !== 'solid' && rng.chance(0.4)) {
        return fill(frame(rng, FRAMES.addTexture, split), { R: R(), N: choose(rng, TEXTURE_NOUNS[e.texture], split) });
      }
      if (e.texture === 'solid' && current.every((t) => t !== 'solid') && rng.chance(0.5)) {
        const t0 = current[0] as 'striped' | 'dotted';
        const M = current.every((t) => t === t0) && rng.chance(0.7) ? choose(rng, TEXTURE_NOUNS[t0], split) : 'pattern';
        return fill(frame(rng, FRAMES.removeTexture, split), { R: R(), M });
      }
      return fill(frame(rng, FRAMES.retexture, split), { R: R(), T: choose(rng, TEXTURE_WORDS[e.texture], split) });
    }
    case 'remove':
      return fill(frame(rng, FRAMES.remove, split), { R: R() }, plural);
    case 'add':
      return fill(frame(rng, FRAMES.add, split), {
        O: realizeObject(rng, e.object, split),
        P: destPhrase(rng, plan.dest ?? { kind: 'cell', cell: e.cell }, split, 'in', refOpts),
      });
    case 'move': {
      const dest = plan.dest ?? { kind: 'cell', cell: e.to };
      const put = dest.kind !== 'step' && rng.chance(0.3);
      return fill(frame(rng, put ? FRAMES.put : FRAMES.move, split), { R: R(), P: destPhrase(rng, dest, split, put ? 'in' : 'to', refOpts) });
    }
    case 'swap':
      return fill(frame(rng, FRAMES.swap, split), { R: R(), R2: realizeRef(rng, requireRef(plan.second), split, refOpts) });
  }
}

/** Options of planEdit. */
export interface PlanOptions {
  /** Refer to the targets with a pronoun (they must be the previous referent). */
  pronoun?: boolean;
  /** Ready-made reference for the targets (plural edits come with theirs). */
  target?: Ref;
  same?: EditPlan['same'];
}

const OPPOSITE: Readonly<Record<Direction, Direction>> = { left: 'right', right: 'left', up: 'down', down: 'up' };
const DIRS: readonly Direction[] = ['left', 'right', 'up', 'down'];

function destination(rng: Rng, scene: Scene, cell: number, from: number | null): Destination {
  const step = from === null ? undefined : DIRS.find((dir) => neighbor(from, dir) === cell);
  if (step && rng.chance(0.4)) return { kind: 'step', dir: step };
  if (rng.chance(0.3)) {
    const options = DIRS.flatMap((dir) => {
      const l = neighbor(cell, OPPOSITE[dir]);
      return l !== null && l !== from && scene.cells[l] ? [{ dir, l }] : [];
    });
    if (options.length > 0) {
      const { dir, l } = rng.pick(options);
      // Landmarks by attributes only: a trailing position would read as the destination itself.
      return { kind: 'rel', dir, landmark: describeOne(rng, scene, l, { rel: 0, extreme: 0, cell: 0 }) };
    }
  }
  return { kind: 'cell', cell };
}

/** Chooses references (and destination phrasing) for an edit in a scene. */
export function planEdit(rng: Rng, scene: Scene, edit: Edit, opts: PlanOptions = {}): EditPlan {
  const pron = (n: number): Ref => ({ kind: 'pronoun', number: n > 1 ? 'all' : 'one' });
  const ref = (cells: number[]): Ref => opts.target ?? (opts.pronoun ? pron(cells.length) : describeOne(rng, scene, cells[0]!));
  switch (edit.op) {
    case 'add':
      return { edit, dest: destination(rng, scene, edit.cell, null) };
    case 'move': {
      const dest = destination(rng, scene, edit.to, edit.from);
      // With a relational destination a trailing position would merge with it ("at the top" + "left of").
      // Likewise a step: "the thing in the center" + "right" reads as "in the center right".
      const styles = dest.kind === 'cell' ? { rel: 0 } : { rel: 0, cell: 0 };
      const target = opts.target ?? (opts.pronoun ? pron(1) : describeOne(rng, scene, edit.from, styles));
      return { edit, target, dest };
    }
    case 'swap':
      return { edit, target: ref([edit.a]), second: describeOne(rng, scene, edit.b) };
    default:
      return { edit, target: ref(edit.cells), ...(opts.same ? { same: opts.same } : {}) };
  }
}
