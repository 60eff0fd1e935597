/** Per-turn figures of `npm run eval` (spec: clarification, PSNR, SSIM, cell accuracy, changes outside edited cells). */
import { ATTRIBUTES, differingCells, objectsEqual, type Scene, type SceneObject } from '../../src/domains/shapes-v1/scene.ts';
import { FAILURE_KINDS, type FailureKind } from './failure-kinds.ts';
import { changedOutside, psnr, ssim } from './metrics.ts';

/** What one evaluated turn measured. */
export interface TurnScore {
  id: string;
  turn: number;
  user: string;
  kind: string;
  reply: string;
  clarifyExpected: boolean;
  clarifyAsked: boolean;
  /** The recognizer and the pixel judge both pass it (for clarify turns: asked when expected). */
  success: boolean;
  /** The recognizer alone: recognized scene equals the expected scene (the figure before issue 28). */
  recognizerSuccess: boolean;
  /** The pixel judge alone (src/domains/shapes-v1/pixel-judge.ts); for clarify turns, as `success`. */
  pixelSuccess: boolean;
  /** The cells the pixel judge failed, and why. */
  pixelProblems: string[];
  /** Ink colour error (mean RGB distance to the render over its ink pixels) of each object the turn drew. */
  ink: { texture: string; color: string; error: number }[];
  psnr: number;
  ssim: number;
  /** Fraction of the 9 cells read back exactly (shape, color, size, texture, or empty). */
  cellAccuracy: number;
  /** Cells read back differently from the expected scene: "cell: expected -> read" ("empty" for no shape). */
  misread: string[];
  /** Per attribute, over cells that hold an object in the expected scene. */
  attributes: Record<'shape' | 'color' | 'size' | 'texture', number>;
  /** Fraction of the pixels outside the cells that should change that changed anyway. */
  outsideChanged: number;
  /** Cells the conversation's touch-up rounds fixed this turn. */
  repaired: number;
  /** Model time this turn, touch-ups included, ms (0 when no model ran). */
  modelMs: number;
  /** Why it failed (null for a success), and whether it changed the picture in a way not asked. */
  failure: FailureKind | null;
  wrongEdit: boolean;
  /** Understanding's confidence in the turn, when it read one. */
  confidence?: number;
}

/** Cells whose content differs between two scenes. */
export function changedCells(a: Scene, b: Scene): Set<number> {
  return new Set(differingCells(a, b));
}

/** Scores the recognized result of a turn against the expected scene and render. */
export function scoreCells(recognized: Scene, expected: Scene): Pick<TurnScore, 'cellAccuracy' | 'attributes' | 'misread'> {
  const attributes = { shape: 0, color: 0, size: 0, texture: 0 };
  const misread: string[] = [];
  let objects = 0;
  let exact = 0;
  expected.cells.forEach((want, i) => {
    const got = recognized.cells[i] ?? null;
    if (objectsEqual(got, want)) exact++;
    else misread.push(`${i}: ${describeCell(want)} -> ${describeCell(got)}`);
    if (!want) return;
    objects++;
    for (const k of ATTRIBUTES) if (got && got[k] === want[k]) attributes[k]++;
  });
  for (const k of ATTRIBUTES) attributes[k] = objects ? attributes[k] / objects : 1;
  return { cellAccuracy: exact / 9, attributes, misread };
}

function describeCell(o: SceneObject | null): string {
  return o ? ATTRIBUTES.map((k) => o[k]).join(' ') : 'empty';
}

/** Image figures of a turn: against the expected render, and changes outside the cells that should change. */
export function scoreImage(
  shown: Uint8ClampedArray, expectedImage: Uint8ClampedArray, previous: Uint8ClampedArray, shouldChange: Set<number>, size: number,
): Pick<TurnScore, 'psnr' | 'ssim' | 'outsideChanged'> {
  return {
    psnr: Math.min(100, psnr(shown, expectedImage)), // identical images count as 100 dB, as in eval.py
    ssim: ssim(shown, expectedImage, size),
    outsideChanged: changedOutside(previous, shown, size, shouldChange),
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const pct = (x: number) => Math.round(x * 1e4) / 100;

/** The turns sorted by dialogue, then by turn within it. */
function inDialogueOrder(turns: readonly TurnScore[]): TurnScore[] {
  return [...turns].sort((a, b) => (a.id === b.id ? a.turn - b.turn : a.id < b.id ? -1 : 1));
}

/**
 * Turns none of whose earlier turns (same dialogue, in order) failed: a failed turn leaves the picture wrong for
 * the rest of its dialogue, so success on these measures one turn without the compounding.
 */
export function cleanHistoryTurns(turns: readonly TurnScore[]): TurnScore[] {
  const failed = new Set<string>();
  const out: TurnScore[] = [];
  for (const t of inDialogueOrder(turns)) {
    if (!failed.has(t.id)) out.push(t);
    if (!t.success) failed.add(t.id);
  }
  return out;
}

/**
 * Cell accuracy after a dialogue's 1st, 2nd, ... edit turn (clarifications not counted), each turn run on the
 * previous one's output: the chained-turn figure of eval.py, for the whole system. Positions past `upTo` pool in it.
 */
export function cellAccuracyByEditTurn(turns: readonly TurnScore[], upTo = 4): Record<string, { turns: number; pct: number }> {
  const seen = new Map<string, number>();
  const acc: number[][] = Array.from({ length: upTo }, () => []);
  for (const t of inDialogueOrder(turns)) {
    if (t.clarifyExpected) continue;
    const n = (seen.get(t.id) ?? 0) + 1;
    seen.set(t.id, n);
    acc[Math.min(n, upTo) - 1]!.push(t.cellAccuracy);
  }
  return Object.fromEntries(acc.map((xs, i) => [i + 1 < upTo ? `${i + 1}` : `${upTo}+`, { turns: xs.length, pct: pct(mean(xs)) }]));
}

/** Mean ink colour error per texture, and per texture and colour, over the objects edit turns drew. */
export function inkErrors(turns: readonly TurnScore[]): Record<string, { objects: number; mean: number; by_color: Record<string, number> }> {
  const out: Record<string, { objects: number; mean: number; by_color: Record<string, number> }> = {};
  const all = turns.flatMap((t) => t.ink ?? []);
  const round = (x: number) => Math.round(x * 10) / 10;
  for (const texture of [...new Set(all.map((i) => i.texture))].sort()) {
    const of = all.filter((i) => i.texture === texture);
    const colors = [...new Set(of.map((i) => i.color))].sort();
    out[texture] = {
      objects: of.length, mean: round(mean(of.map((i) => i.error))),
      by_color: Object.fromEntries(colors.map((c) => [c, round(mean(of.filter((i) => i.color === c).map((i) => i.error)))])),
    };
  }
  return out;
}

/** Turns where the recognizer and the pixel judge disagree. */
export function judgesDisagree(turns: readonly TurnScore[]): TurnScore[] {
  return turns.filter((t) => t.recognizerSuccess !== t.pixelSuccess);
}

/** Aggregate figures over all turns. */
export function aggregate(turns: TurnScore[]) {
  const clean = cleanHistoryTurns(turns);
  const edits = turns.filter((t) => !t.clarifyExpected);
  const clarifyOk = turns.filter((t) => t.clarifyAsked === t.clarifyExpected).length;
  const askedWhenExpected = turns.filter((t) => t.clarifyExpected);
  const times = turns.map((t) => t.modelMs).filter((ms) => ms > 0).sort((a, b) => a - b);
  return {
    turns: turns.length,
    clarification_accuracy_pct: pct(clarifyOk / turns.length),
    clarify_recall_pct: pct(askedWhenExpected.filter((t) => t.clarifyAsked).length / Math.max(1, askedWhenExpected.length)),
    turn_success_pct: pct(turns.filter((t) => t.success).length / turns.length),
    recognizer_turn_success_pct: pct(turns.filter((t) => t.recognizerSuccess).length / turns.length),
    pixel_judge_turn_success_pct: pct(turns.filter((t) => t.pixelSuccess).length / turns.length),
    judges_disagree_pct: pct(judgesDisagree(turns).length / turns.length),
    wrong_edit_pct: pct(turns.filter((t) => t.wrongEdit).length / turns.length),
    not_understood_reply_pct: pct(turns.filter((t) => t.kind === 'unknown').length / turns.length),
    confirmations_pct: pct(turns.filter((t) => t.kind === 'confirm').length / turns.length),
    failures: Object.fromEntries(FAILURE_KINDS.map((k) => [k, turns.filter((t) => t.failure === k).length])),
    clean_history_turns: clean.length,
    clean_history_turn_success_pct: pct(clean.filter((t) => t.success).length / Math.max(1, clean.length)),
    cell_accuracy_pct: pct(mean(edits.map((t) => t.cellAccuracy))),
    cell_accuracy_by_edit_turn: cellAccuracyByEditTurn(turns),
    attribute_accuracy_pct: Object.fromEntries(ATTRIBUTES.map((k) => [k, pct(mean(edits.map((t) => t.attributes[k])))])),
    psnr_db: Math.round(mean(edits.map((t) => t.psnr)) * 100) / 100,
    ssim: Math.round(mean(edits.map((t) => t.ssim)) * 1e4) / 1e4,
    outside_changed_pct: Math.round(mean(edits.map((t) => t.outsideChanged)) * 1e6) / 1e4,
    ink_error_rgb: inkErrors(turns),
    touched_up_turns_pct: pct(turns.filter((t) => t.repaired > 0).length / turns.length),
    model_ms_p50: times.length ? Math.round(times[Math.floor(times.length / 2)]!) : null,
    model_ms_p95: times.length ? Math.round(times[Math.floor(times.length * 0.95)]!) : null,
  };
}
