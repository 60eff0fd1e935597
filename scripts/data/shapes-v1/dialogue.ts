/** Multi-turn dialogues (3-6 turns) with the expected scene after each turn: the spec's dialogue JSONL. */
import type { ScriptedDialogue, ScriptedTurn } from '../../../src/domain/dialogue-file.ts';
import { decorate } from './decorate.ts';
import { answerDescs, describeAmbiguous, describeOne } from './describe.ts';
import { applyEdit, editFocus, type Edit } from '../../../src/domains/shapes-v1/edits.ts';
import { randomScene } from '../../../src/domains/shapes-v1/generate-scene.ts';
import { planEdit, realizePlan, type EditPlan } from './instruct.ts';
import { ANSWER_PREFIXES, REDO_PHRASES, RESET_PHRASES, UNDO_PHRASES, choose, type Lex, type Split } from '../../../src/domains/shapes-v1/lexicon.ts';
import { randomEdit, TARGET_OPS } from './random-edit.ts';
import { realizeRef } from '../../../src/domains/shapes-v1/realize.ts';
import type { Rng } from '../../../src/domain/rng.ts';
import { objectAt, occupiedCells, sceneToJson, scenesEqual, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { ReferenceHistory } from './reference-session.ts';
import { FRAMES } from '../../../src/domains/shapes-v1/templates.ts';

type Kind = 'edit' | 'pronoun' | 'same' | 'compound' | 'two-sentence' | 'ambiguous' | 'undo' | 'redo' | 'reset';

interface State {
  history: ReferenceHistory;
  referent: number[] | null;
  fresh: boolean; // the referent comes from the previous turn, so a pronoun is natural
  turns: ScriptedTurn[];
}

function meta(rng: Rng, l: Lex, split: Split): string {
  const phrase = rng.pick(split === 'train' ? l.both : l.heldout);
  return decorate(rng, { text: phrase, imperative: true }, split, { polite: 0.25, typo: 0 });
}

function say(rng: Rng, plan: EditPlan, scene: Scene, split: Split, bare = false): string {
  return decorate(rng, realizePlan(rng, plan, scene, split), split, bare ? { bare, polite: 0.2, suffix: 0 } : {});
}

function commit(st: State, user: string, edits: Edit[]): void {
  let s = st.history.current;
  for (const e of edits) s = applyEdit(s, e);
  st.history.push(s);
  st.referent = editFocus(edits[edits.length - 1]!);
  st.fresh = st.referent !== null;
  st.turns.push({ user, expect: sceneToJson(s) });
}

// One turn (two for a clarification); returns false when the state does not allow this kind.
function step(rng: Rng, st: State, kind: Kind, split: Split, room: number): boolean {
  const scene = st.history.current;
  const ref = st.fresh && st.referent?.length === 1 && scene.cells[st.referent[0]!] ? st.referent[0]! : null;
  switch (kind) {
    case 'undo':
    case 'redo':
    case 'reset': {
      const h = st.history;
      if (kind === 'undo' ? !h.canUndo : kind === 'redo' ? !h.canRedo : scenesEqual(h.current, h.initial)) return false;
      h[kind]();
      st.fresh = false;
      const phrases = kind === 'undo' ? UNDO_PHRASES : kind === 'redo' ? REDO_PHRASES : RESET_PHRASES;
      st.turns.push({ user: meta(rng, phrases, split), expect: sceneToJson(h.current) });
      return true;
    }
    case 'edit': {
      const c = randomEdit(rng, scene, { plural: 0.15 });
      if (!c) return false;
      commit(st, say(rng, planEdit(rng, scene, c.edit, c.group ? { target: c.group } : {}), scene, split), [c.edit]);
      return true;
    }
    case 'pronoun':
    case 'two-sentence': {
      const occ = occupiedCells(scene);
      const cell = kind === 'pronoun' ? ref : occ.length ? rng.pick(occ) : null;
      const c = cell === null ? null : randomEdit(rng, scene, { ops: [...TARGET_OPS, 'move'], target: cell });
      if (!c || cell === null) return false;
      let text = say(rng, planEdit(rng, scene, c.edit, { pronoun: true }), scene, split);
      if (kind === 'two-sentence') {
        const focus = rng.pick(split === 'train' ? FRAMES.focus.both : FRAMES.focus.heldout);
        text = `${focus.replace('{R}', realizeRef(rng, describeOne(rng, scene, cell), split))} ${text}`;
      }
      commit(st, text, [c.edit]);
      return true;
    }
    case 'same': {
      const others = ref === null ? [] : occupiedCells(scene).filter((c) => c !== ref);
      if (ref === null || others.length === 0) return false;
      const t = rng.pick(others);
      const [a, b] = [objectAt(scene, t), objectAt(scene, ref)];
      const attrs = (['color', 'shape', 'size', 'texture'] as const).filter((k) => a[k] !== b[k]);
      if (attrs.length === 0) return false;
      const attr = rng.pick(attrs);
      const edit: Edit = attr === 'color' ? { op: 'recolor', cells: [t], color: b.color } : attr === 'shape' ? { op: 'reshape', cells: [t], shape: b.shape }
        : attr === 'size' ? { op: 'resize', cells: [t], size: b.size } : { op: 'retexture', cells: [t], texture: b.texture };
      commit(st, say(rng, planEdit(rng, scene, edit, { same: { attr, source: null } }), scene, split), [edit]);
      return true;
    }
    case 'compound': {
      const c1 = randomEdit(rng, scene);
      if (!c1) return false;
      const s1 = applyEdit(scene, c1.edit);
      const f = editFocus(c1.edit);
      const useIt = f !== null && f.length === 1 && rng.chance(0.4);
      const c2 = randomEdit(rng, s1, useIt ? { ops: [...TARGET_OPS, 'move'], target: f[0]! } : {});
      if (!c2) return false;
      const first = say(rng, planEdit(rng, scene, c1.edit, c1.group ? { target: c1.group } : {}), scene, split, true);
      const second = say(rng, planEdit(rng, s1, c2.edit, { pronoun: useIt, ...(c2.group ? { target: c2.group } : {}) }), s1, split, true);
      commit(st, `${first}${rng.pick(['. then ', '. ', ' and then ', ', then '])}${second}.`, [c1.edit, c2.edit]);
      return true;
    }
    case 'ambiguous': {
      const amb = room >= 2 ? describeAmbiguous(rng, scene) : null;
      if (!amb) return false;
      const target = rng.pick(amb.cells);
      const c = randomEdit(rng, scene, { ops: [...TARGET_OPS, 'move'], target });
      if (!c) return false;
      st.turns.push({ user: say(rng, planEdit(rng, scene, c.edit, { target: amb.ref }), scene, split), expect: { clarify: true } });
      const d = rng.pick(answerDescs(scene, amb.cells, target));
      let answer = realizeRef(rng, { kind: 'desc', number: 'one', ...d }, split, { answer: true });
      if (d.extreme && rng.chance(0.2)) answer = answer.replace(/^the /, '').replace(/ one$/, '');
      const lead = choose(rng, ANSWER_PREFIXES, split);
      commit(st, decorate(rng, { text: lead ? `${lead} ${answer}` : answer, imperative: false }, split, { polite: 0, typo: 0 }), [c.edit]);
      return true;
    }
  }
}

const WEIGHTS: readonly [Kind, number][] = [
  ['edit', 4], ['pronoun', 2], ['same', 0.6], ['compound', 0.8], ['two-sentence', 0.6], ['ambiguous', 1.6],
  ['undo', 1], ['redo', 0.8], ['reset', 0.25],
];

function pickKind(rng: Rng): Kind {
  let r = rng.next() * WEIGHTS.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of WEIGHTS) if ((r -= w) < 0) return k;
  return 'edit';
}

// Scenes with a repeated shape or color, so that ambiguous references exist.
function dialogueScene(rng: Rng): Scene {
  const scene = randomScene(rng, { minObjects: 3, maxObjects: 7 });
  const occ = rng.shuffle(occupiedCells(scene));
  if (rng.chance(0.6)) {
    const [a, b] = [objectAt(scene, occ[0]!), occ[1]!];
    scene.cells[b] = { ...objectAt(scene, b), ...(rng.chance(0.7) ? { shape: a.shape } : { color: a.color }) };
  }
  return scene;
}

/** Generates one dialogue of 3-6 turns in the split's phrasing. */
export function generateDialogue(rng: Rng, id: string, split: Split): ScriptedDialogue {
  const scene = dialogueScene(rng);
  const n = 3 + rng.int(4);
  const st: State = { history: new ReferenceHistory(scene), referent: null, fresh: false, turns: [] };
  while (st.turns.length < n) {
    const kind = st.turns.length === 0 ? (rng.chance(0.3) ? 'ambiguous' : 'edit') : pickKind(rng);
    step(rng, st, kind, split, n - st.turns.length);
  }
  return { id, scene: sceneToJson(scene), turns: st.turns };
}
