/**
 * Replays spec dialogues (JSONL `expect` scenes or `{"clarify": true}`) through the DialogueManager with a perfect
 * model: after each turn the "recognized" scene is the expected one, so the figures measure the dialogue layer alone.
 */
import type { Dialogue } from '../domain/dialogue.ts';
import { cloneScene, sceneToJson, scenesEqual, type Scene } from '../domain/scene.ts';
import { DialogueManager, type DialogueKind } from './manager.ts';

/** One replayed turn. */
export interface TurnOutcome {
  id: string;
  turn: number;
  user: string;
  kind: DialogueKind;
  reply: string;
  expectedClarify: boolean;
  asked: boolean;
  /** Clarify turns: asked; scene turns: not asked and the resulting scene equals `expect`. */
  ok: boolean;
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
  failures: TurnOutcome[];
}

/** Replays one dialogue, feeding the expected scene back as the recognized scene after every turn. */
export function replayDialogue(d: Dialogue): TurnOutcome[] {
  let scene: Scene = cloneScene(d.scene as Scene);
  const manager = new DialogueManager(scene);
  return d.turns.map((t, i) => {
    const r = manager.turn(t.user, scene);
    const asked = r.kind === 'clarify';
    const expectedClarify = 'clarify' in t.expect;
    let ok = asked === expectedClarify;
    if (!expectedClarify) {
      const expect = t.expect as ReturnType<typeof sceneToJson> as Scene;
      ok &&= scenesEqual(r.scene, expect);
      scene = cloneScene(expect);
    }
    return { id: d.id, turn: i, user: t.user, kind: r.kind, reply: r.reply, expectedClarify, asked, ok };
  });
}

/** Replays dialogues and sums up clarification accuracy and turn success. */
export function evaluateDialogues(dialogues: readonly Dialogue[]): DialogueReport {
  const all: TurnOutcome[] = [];
  let perfect = 0;
  for (const d of dialogues) {
    const outcomes = replayDialogue(d);
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
  };
}
