/**
 * Replays spec dialogues (JSONL `expect` scenes or `{"clarify": true}`) through understanding and the
 * DialogueManager with a perfect model: after each turn the "recognized" scene is the expected one, so the
 * figures measure understanding and the dialogue layer alone (each turn starts from the expected scene).
 */
import type { ScriptedDialogue } from '../domain/dialogue-file.ts';
import { cloneScene, scenesEqual, type Scene } from '../domain/scene.ts';
import type { Understander } from '../understanding/understander.ts';
import type { DialogueDomain } from './dialogue-domain.ts';
import { DialogueManager, type DialogueKind } from './manager.ts';

/** One replayed turn. */
export interface ReplayedTurn {
  id: string;
  turn: number;
  user: string;
  kind: DialogueKind;
  reply: string;
  expectedClarify: boolean;
  asked: boolean;
  /** Clarify turns: asked; scene turns: not asked and the resulting scene equals `expect`. */
  ok: boolean;
  /** Understanding's confidence (edit, answer and confirm turns). */
  confidence?: number;
  /** Time to read and act on the turn (understanding + dialogue layer), ms. */
  ms: number;
}

/** Aggregate figures of a replay. */
export interface DialogueReport {
  dialogues: number;
  turns: number;
  clarifyTurns: number;
  /** Share of turns where a question was asked exactly when one was expected. */
  clarificationAccuracy: number;
  /** Share of turns that did what was expected (scene equal to `expect`, or the question asked). */
  turnSuccess: number;
  /** Share of the turns expecting a scene whose resulting scene equals it. */
  sceneTurnSuccess: number;
  /** Share of dialogues whose every turn succeeded. */
  dialogueSuccess: number;
  failures: ReplayedTurn[];
  outcomes: ReplayedTurn[];
}

/** Kinds that ask the user something (a clarifying question or a confirmation). */
export const ASKING: ReadonlySet<DialogueKind> = new Set(['clarify', 'confirm']);

/** Replays one dialogue, feeding the expected scene back as the recognized scene after every turn. */
export async function replayDialogue(d: ScriptedDialogue, understander: Understander, rules: DialogueDomain, confirmBelow?: number): Promise<ReplayedTurn[]> {
  let scene: Scene = cloneScene(d.scene);
  const manager = new DialogueManager(scene, understander.lexicon, rules);
  if (confirmBelow !== undefined) manager.confirmBelow = confirmBelow;
  const out: ReplayedTurn[] = [];
  for (const [i, t] of d.turns.entries()) {
    const t0 = performance.now();
    const r = manager.turn(await understander.read(t.user, manager.context), scene);
    const ms = performance.now() - t0;
    const asked = ASKING.has(r.kind);
    const expectedClarify = 'clarify' in t.expect;
    let ok = asked === expectedClarify;
    if (!expectedClarify) {
      const expect = t.expect as Scene;
      ok &&= scenesEqual(r.scene, expect);
      scene = cloneScene(expect);
      if (r.kind !== 'confirm') manager.forceScene(scene);
    }
    out.push({ id: d.id, turn: i, user: t.user, kind: r.kind, reply: r.reply, expectedClarify, asked, ok, confidence: r.confidence, ms });
  }
  return out;
}

/** Replays dialogues and sums up clarification accuracy and turn success. */
export async function evaluateDialogues(dialogues: readonly ScriptedDialogue[], understander: Understander, rules: DialogueDomain, confirmBelow?: number): Promise<DialogueReport> {
  const all: ReplayedTurn[] = [];
  let perfect = 0;
  for (const d of dialogues) {
    const outcomes = await replayDialogue(d, understander, rules, confirmBelow);
    if (outcomes.every((o) => o.ok)) perfect++;
    all.push(...outcomes);
  }
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    dialogues: dialogues.length,
    turns: all.length,
    clarifyTurns: all.filter((o) => o.expectedClarify).length,
    clarificationAccuracy: share(all.filter((o) => o.asked === o.expectedClarify).length, all.length),
    turnSuccess: share(all.filter((o) => o.ok).length, all.length),
    sceneTurnSuccess: share(all.filter((o) => !o.expectedClarify && o.ok).length, all.filter((o) => !o.expectedClarify).length),
    dialogueSuccess: share(perfect, dialogues.length),
    failures: all.filter((o) => !o.ok),
    outcomes: all,
  };
}
