/**
 * The dialogue manager (issue 7, after DialogPaint): classifies each user turn, resolves references against the
 * scene the recognizer read, asks when a reference is ambiguous, and turns edits into canonical instructions
 * for the model. Its whole state is plain JSON, saved by the app every turn.
 */
import { applyEdit, type Edit } from '../domain/edits.ts';
import { interpret, type Pending } from '../domain/interpret.ts';
import { sentences } from '../domain/normalize.ts';
import { emptyCells, scenesEqual, type Scene } from '../domain/scene.ts';
import { words } from '../domain/tokenizer.ts';
import { canonicalInstruction, pastTense, splitEdit } from './canonical.ts';
import { parseCommand, type Command } from './commands.ts';
import { splitConjunctions } from './conjunctions.ts';
import { HistoryTree, type EditStep, type HistoryNode, type HistoryState } from './history.ts';
import { CELL_NAMES } from './phrases.ts';
import { LOW_CONFIDENCE, answerQuestion } from './question-answer.ts';
import { parseQuestions } from './question-parse.ts';
import { alreadyReply, failureReply, focusReply, helpReply, whereQuestion, whichQuestion } from './replies.ts';

/** How a turn was understood. */
export type DialogueKind =
  | 'edit' | 'answer' | 'clarify' | 'question' | 'focus' | 'undo' | 'redo' | 'reset' | 'jump' | 'cancel' | 'impossible' | 'unknown';

/** The outcome of one turn: what to say, what the model must run, and which history node to show. */
export interface DialogueTurn {
  kind: DialogueKind;
  /** Short reply for the user ("Made the circle in the top left red.", or the question asked). */
  reply: string;
  /** Edits for the model, in order, each on the previous one's output (edit and answer turns only). */
  steps: EditStep[];
  /** The history node current after the turn. */
  node: string;
  /** The node whose picture goes on screen (the original's after a reset). */
  show: string;
  /** The scene expected on screen after the turn. */
  scene: Scene;
  /** Cells the open clarifying question chooses among (clarify turns). */
  candidates?: number[];
}

/** A question the manager asked and waits to have answered. */
export type OpenQuestion = { kind: 'which'; pending: Pending } | { kind: 'where'; text: string };

/** Serializable state of a DialogueManager. */
export interface DialogueState {
  version: 1;
  history: HistoryState;
  referent: number[] | null;
  open: OpenQuestion | null;
}

/** Per-turn extras: the recognizer's confidence per cell (0..1), when the scene was read off pixels. */
export interface TurnOptions {
  confidence?: readonly number[];
}

const ORDINALS: Readonly<Record<string, number>> = { first: 0, former: 0, second: 1, latter: 1, third: 2 };
const ALL_ANSWERS = new Set(['both', 'all', 'all of them', 'both of them', 'each', 'each of them', 'them all', 'all three', 'every one']);

/** Runs a dialogue over one picture: history tree, pronoun referent and open questions. */
export class DialogueManager {
  private open: OpenQuestion | null = null;
  private referent: number[] | null = null;

  private history: HistoryTree;

  /** A dialogue over a picture whose objects the recognizer read as `initial`. */
  constructor(initial: Scene) {
    this.history = HistoryTree.start(initial);
  }

  /** Restores a dialogue from toJSON's output. */
  static fromJSON(state: DialogueState): DialogueManager {
    if (state.version !== 1) throw new RangeError(`unknown dialogue state version ${String(state.version)}`);
    const m = new DialogueManager(state.history.nodes[0]!.scene);
    m.history = HistoryTree.fromJSON(state.history);
    m.referent = state.referent ? [...state.referent] : null;
    m.open = state.open ? structuredClone(state.open) : null;
    return m;
  }

  /** The serializable state (a deep copy). */
  toJSON(): DialogueState {
    return { version: 1, history: this.history.toJSON(), referent: this.referent ? [...this.referent] : null, open: structuredClone(this.open) };
  }

  /** The history node on screen. */
  get current(): HistoryNode {
    return this.history.current;
  }

  /** Every history node, in creation order (for a history view). */
  get nodes(): HistoryNode[] {
    return this.history.all();
  }

  /** True while a clarifying question waits for its answer. */
  get awaitingAnswer(): boolean {
    return this.open !== null;
  }

  /** One user turn against the scene now on screen (as the recognizer read it). */
  turn(text: string, scene: Scene, opts: TurnOptions = {}): DialogueTurn {
    this.history.setScene(scene);
    if (words(text).length === 0) return this.result('unknown', helpReply(scene, 'Please tell me what to change.'));
    const cmd = parseCommand(text, this.open !== null);
    if (cmd) return this.command(cmd, text);
    const qs = parseQuestions(text);
    if (qs) {
      const answers = qs.map((q) => answerQuestion(q, { scene, referent: this.referent, confidence: opts.confidence }));
      const focus = answers.reduce<number[] | null>((f, a) => a.referent ?? f, null);
      if (focus) this.referent = focus;
      const still = this.open ? ` ${this.reask(scene)}` : '';
      return this.result('question', `${answers.map((a) => a.reply).join(' ')}${still}`);
    }
    if (this.open?.kind === 'where') {
      const placed = this.answerWhere(text, scene, opts);
      if (placed) return placed;
    }
    if (this.open?.kind === 'which') {
      const chosen = this.answerWhich(text, scene, opts);
      if (chosen) return chosen;
    }
    const rewritten = splitConjunctions(text, { scene, referent: this.referent });
    const pending = this.open?.kind === 'which' ? this.open.pending : null;
    const r = interpret(rewritten, { scene, referent: this.referent, pending });
    switch (r.kind) {
      case 'edit': {
        const fresh = pending ? interpret(rewritten, { scene, referent: this.referent }).kind === 'edit' : true;
        return this.edit(text, scene, r.edits, r.referent, fresh ? 'edit' : 'answer', opts);
      }
      case 'focus':
        this.open = null;
        this.referent = r.referent;
        return this.result('focus', focusReply(scene, r.referent));
      case 'clarify': {
        const again = this.open?.kind === 'which' ? "Sorry, that doesn't pick out one of them. " : '';
        this.open = { kind: 'which', pending: r.pending };
        return { ...this.result('clarify', `${again}${whichQuestion(scene, r.pending.candidates)}`), candidates: [...r.pending.candidates] };
      }
      case 'undo':
      case 'redo':
        return this.command({ kind: r.kind, count: 1 }, text);
      case 'reset':
        return this.command({ kind: 'reset' }, text);
      case 'unknown':
        return this.failure(r.reason, rewritten, scene);
    }
  }

  /** Moves to any history node (a click in the history view); throws RangeError for an unknown id. */
  jump(nodeId: string): DialogueTurn {
    if (!this.history.jump(nodeId)) throw new RangeError(`no history node ${nodeId}`);
    this.open = null;
    const node = this.history.current;
    this.referent = node.referent;
    const what = node.parent === null ? 'Back to the original picture.' : `Back to the picture after: ${lower(node.summary)}`;
    return this.result('jump', what);
  }

  private result(kind: DialogueKind, reply: string, steps: EditStep[] = []): DialogueTurn {
    const node = this.history.current;
    return { kind, reply, steps, node: node.id, show: node.image, scene: steps.length ? steps[steps.length - 1]!.expected : node.scene };
  }

  private reask(scene: Scene): string {
    if (this.open?.kind === 'which') return whichQuestion(scene, this.open.pending.candidates);
    return whereQuestion(scene);
  }

  private edit(user: string, scene: Scene, edits: Edit[], referent: number[] | null, kind: 'edit' | 'answer', opts: TurnOptions): DialogueTurn {
    this.open = null;
    this.referent = referent;
    const steps: EditStep[] = [];
    let cur = scene;
    for (const whole of edits) {
      const whole2 = canonicalInstruction(whole, cur) === null ? splitEdit(whole) : [whole];
      for (const e of whole2) {
        const next = applyEdit(cur, e);
        if (scenesEqual(next, cur)) continue;
        steps.push({ edit: e, instruction: canonicalInstruction(e, cur)!, expected: next });
        cur = next;
      }
    }
    if (steps.length === 0) return this.result('impossible', alreadyReply(edits[0]!, scene));
    const unsure = [...new Set(steps.flatMap((s) => targetCells(s.edit)))]
      .filter((c) => opts.confidence?.[c] !== undefined && opts.confidence[c]! < LOW_CONFIDENCE);
    const note = unsure.length ? ` (I wasn't sure what is in the ${unsure.map((c) => CELL_NAMES[c]).join(' and the ')}.)` : '';
    const summary = steps.map((s) => pastTense(s.instruction)).join(' ');
    this.history.add({ kind: 'edit', user, summary, steps, scene: cur, referent });
    return this.result(kind, `${summary}${note}`, steps);
  }

  private command(cmd: Command, user: string): DialogueTurn {
    const wasOpen = this.open !== null;
    this.open = null;
    const h = this.history;
    switch (cmd.kind) {
      case 'cancel':
        return this.result('cancel', wasOpen ? "OK, never mind. What should I change?" : 'OK.');
      case 'reset': {
        if (h.current.image === h.root.id || scenesEqual(h.current.scene, h.root.scene)) {
          return this.result('reset', 'This is already the original picture, so nothing changed.');
        }
        h.add({ kind: 'reset', user, summary: 'Went back to the original picture.', steps: [], scene: h.root.scene, referent: null, image: h.root.image });
        this.referent = null;
        return this.result('reset', 'Back to the original picture. Say "undo" to return to the edits.');
      }
      case 'undo': {
        const left = h.undo(cmd.count);
        if (left.length === 0) return this.result('undo', 'There is nothing to undo: this is the original picture.');
        this.referent = undoFocus(left[left.length - 1]!);
        const end = h.current.parent === null && left.length < cmd.count ? ' This is the original picture.' : '';
        const what = left.length === 1 ? `Undid: ${lower(left[0]!.summary)}` : `Went back ${left.length} steps.`;
        return this.result('undo', `${what}${end}`);
      }
      case 'redo': {
        const entered = h.redo(cmd.count);
        if (entered.length === 0) return this.result('redo', 'There is nothing to redo.');
        this.referent = h.current.referent;
        const what = entered.length === 1 ? `Redid: ${lower(entered[0]!.summary)}` : `Redid ${entered.length} steps.`;
        return this.result('redo', what);
      }
    }
  }

  private failure(reason: string, text: string, scene: Scene): DialogueTurn {
    if (reason === 'where should it go?') {
      if (emptyCells(scene).length === 0) return this.result('impossible', 'The grid is full, so there is no free spot; nothing changed.');
      if (sentences(text).length === 1) {
        this.open = { kind: 'where', text };
        return this.result('clarify', whereQuestion(scene));
      }
    }
    const f = failureReply(reason, scene);
    const still = this.open ? ` ${this.reask(scene)}` : '';
    return this.result(f.impossible ? 'impossible' : 'unknown', `${f.reply}${still}`);
  }

  // "add a red star" -> "Where should it go?" -> "top right": re-read the request with the place appended.
  private answerWhere(text: string, scene: Scene, opts: TurnOptions): DialogueTurn | null {
    if (this.open?.kind !== 'where') return null;
    const ans = sentences(text).flat();
    if (ans.length === 0) return null;
    const lead = ['to', 'in', 'into', 'at', 'on', 'left', 'right', 'above', 'below', 'under', 'up', 'down'].includes(ans[0]!);
    const asked = this.open.text.replace(/[.!?]+\s*$/, '');
    const r = interpret(`${asked} ${lead ? '' : 'to the '}${ans.join(' ')}`, { scene, referent: this.referent });
    if (r.kind === 'edit') return this.edit(`${asked} ${text}`, scene, r.edits, r.referent, 'answer', opts);
    if (r.kind === 'unknown' && (r.reason === 'that place is taken' || r.reason === 'that place is off the grid')) {
      return this.result('clarify', `${failureReply(r.reason, scene).reply} ${whereQuestion(scene)}`);
    }
    return null;
  }

  // Answers the interpreter leaves to the dialogue: "the first one", "the second", and "both" / "all of them".
  private answerWhich(text: string, scene: Scene, opts: TurnOptions): DialogueTurn | null {
    if (this.open?.kind !== 'which') return null;
    const pending = this.open.pending;
    const ws = sentences(text).flat().filter((w) => w !== 'one' && w !== 'ones' && w !== 'the');
    const s = ws.join(' ');
    const cands = pending.candidates;
    const ord = s === 'last' ? cands.length - 1 : ORDINALS[s];
    const pick = (c: number) => interpret(`the one in the ${CELL_NAMES[c]}`, { scene, referent: this.referent, pending });
    if (ord !== undefined && ord < cands.length) {
      const r = pick(cands[ord]!);
      return r.kind === 'edit' ? this.edit(text, scene, r.edits, r.referent, 'answer', opts) : null;
    }
    if (!ALL_ANSWERS.has(sentences(text).flat().join(' '))) return null;
    const each = cands.map(pick);
    const edits = each.map((r) => (r.kind === 'edit' && r.edits.length === 1 ? r.edits[0]! : null));
    const merged = mergeTargets(edits);
    if (!merged) return this.result('clarify', `I can only do that to one of them at a time. ${whichQuestion(scene, cands)}`);
    return this.edit(text, scene, [merged], merged.op === 'remove' ? null : [...cands], 'answer', opts);
  }
}

/** One edit over the union of the targets when every edit is the same single-target change, else null. */
function mergeTargets(edits: readonly (Edit | null)[]): Edit | null {
  const first = edits[0];
  if (!first || first.op === 'add' || first.op === 'move' || first.op === 'swap') return null;
  const cells: number[] = [];
  for (const e of edits) {
    if (!e || e.op !== first.op || e.cells.length !== 1) return null;
    if (JSON.stringify({ ...e, cells: [] }) !== JSON.stringify({ ...first, cells: [] })) return null;
    cells.push(e.cells[0]!);
  }
  return { ...first, cells: cells.sort((a, b) => a - b) };
}

/** Cells an edit reads (recognizer confidence matters there). */
function targetCells(e: Edit): number[] {
  if (e.op === 'add') return [];
  if (e.op === 'move') return [e.from];
  if (e.op === 'swap') return [e.a, e.b];
  return e.cells;
}

/** What "it" means after undoing a node: the objects its first edit changed, where they are again. */
function undoFocus(node: HistoryNode): number[] | null {
  const e = node.steps[0]?.edit;
  if (!e || e.op === 'add') return null;
  if (e.op === 'move') return [e.from];
  if (e.op === 'swap') return [e.a];
  return e.cells.slice();
}

function lower(s: string): string {
  return s.length ? s[0]!.toLowerCase() + s.slice(1) : s;
}
