/**
 * The dialogue manager (issue 7, after DialogPaint): classifies each user turn, resolves references against the
 * scene the recognizer read, asks when a reference is ambiguous, and turns edits into canonical instructions
 * for the model. Its whole state is plain JSON, saved by the app every turn.
 */
import { applyEdit, type Edit } from '../domain/edits.ts';
import { interpret, type Pending } from '../domain/interpret.ts';
import { sentences, stripFiller } from '../domain/normalize.ts';
import { emptyCells, scenesEqual, type Scene } from '../domain/scene.ts';
import { words } from '../domain/tokenizer.ts';
import { canonicalInstruction, pastTense, splitEdit } from './canonical.ts';
import { parseCommand, type Command } from './commands.ts';
import { splitConjunctions } from './conjunctions.ts';
import { HistoryTree, type EditStep, type HistoryNode, type HistoryState } from './history.ts';
import { answerWhere, answerWhich, isOwnRequest } from './open-question.ts';
import { CELL_NAMES, joinAnd } from './phrases.ts';
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

const QUESTION_WORDS = new Set(['what', "what's", 'whats', 'how', 'where', "where's", 'which', 'who', 'why', 'when', 'does', 'do', 'is', 'are']);
const QUESTION_HELP = 'I can answer questions like "what color is the star?", "how many circles are there?", ' +
  '"is there a heart?" or "what is left of the star?", but not that one.';

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
    const still = () => (this.open ? ` ${this.reask(scene)}` : '');
    const qs = parseQuestions(text);
    if (qs) {
      const replies = qs.map((q) => {
        const a = answerQuestion(q, { scene, referent: this.referent, confidence: opts.confidence });
        if (a.referent) this.referent = a.referent; // "is there a star? what color is it?"
        return a.reply;
      });
      return this.result('question', `${replies.join(' ')}${still()}`);
    }
    // A question we cannot answer must not fall through to the editor ("does" is one typo from "dots").
    if (looksLikeQuestion(text)) return this.result('unknown', `${QUESTION_HELP}${still()}`);
    const open = this.open;
    if (open) {
      const special = open.kind === 'where' ? answerWhere(text, open.text, scene, this.referent)
        : answerWhich(text, scene, this.referent, open.pending);
      if (special && 'edits' in special) return this.edit(text, scene, special.edits, special.referent, 'answer', opts);
      if (special) {
        const again = `${openFailure(special.failure, scene)} ${this.reask(scene)}`;
        return open.kind === 'which' ? this.ask(again, open.pending) : this.result('clarify', again);
      }
    }
    const rewritten = splitConjunctions(text, { scene, referent: this.referent });
    const fresh = interpret(rewritten, { scene, referent: this.referent });
    if (open?.kind === 'which' && fresh.kind !== 'edit') {
      const r = interpret(rewritten, { scene, referent: this.referent, pending: open.pending });
      if (r.kind === 'edit') return this.edit(text, scene, r.edits, r.referent, 'answer', opts);
      if (r.kind === 'clarify') {
        const p = r.pending;
        const same = p.index === open.pending.index && p.slot === open.pending.slot;
        // Answered, and the turn's next reference is ambiguous too; or the answer narrowed the choice.
        if (!same || p.candidates.length < open.pending.candidates.length) return this.ask(whichQuestion(scene, p.candidates), p);
        if (!isOwnRequest(fresh, rewritten)) {
          return this.ask(`Sorry, that doesn't pick out one of them. ${whichQuestion(scene, p.candidates)}`, p);
        }
      }
    }
    if (open?.kind === 'where' && fresh.kind === 'unknown' && !isOwnRequest(fresh, rewritten)) {
      return this.result('clarify', `Sorry, I didn't get the place. ${whereQuestion(scene)}`);
    }
    switch (fresh.kind) {
      case 'edit':
        return this.edit(text, scene, fresh.edits, fresh.referent, 'edit', opts);
      case 'focus':
        this.open = null;
        this.referent = fresh.referent;
        return this.result('focus', focusReply(scene, fresh.referent));
      case 'clarify':
        return this.ask(whichQuestion(scene, fresh.pending.candidates), fresh.pending);
      case 'undo':
      case 'redo':
        return this.command({ kind: fresh.kind, count: 1 }, text);
      case 'reset':
        return this.command({ kind: 'reset' }, text);
      case 'unknown':
        this.open = null;
        return this.failure(fresh.reason, rewritten, scene);
    }
  }

  /** Moves to any history node (a click in the history view); throws RangeError for an unknown id. */
  jump(nodeId: string): DialogueTurn {
    if (!this.history.jump(nodeId)) throw new RangeError(`no history node ${nodeId}`);
    this.open = null;
    const node = this.history.current;
    this.referent = node.referent;
    const what = node.parent === null ? 'Back to the original picture.' : `Back to the picture after: ${nodeWords(node)}.`;
    return this.result('jump', what);
  }

  private result(kind: DialogueKind, reply: string, steps: EditStep[] = []): DialogueTurn {
    const node = this.history.current;
    return { kind, reply, steps, node: node.id, show: node.image, scene: steps.length ? steps[steps.length - 1]!.expected : node.scene };
  }

  private ask(question: string, pending: Pending): DialogueTurn {
    this.open = { kind: 'which', pending };
    return { ...this.result('clarify', question), candidates: [...pending.candidates] };
  }

  private reask(scene: Scene): string {
    if (this.open?.kind === 'which') return whichQuestion(scene, this.open.pending.candidates);
    return whereQuestion(scene);
  }

  private edit(user: string, scene: Scene, edits: Edit[], referent: number[] | null, kind: 'edit' | 'answer', opts: TurnOptions): DialogueTurn {
    this.open = null;
    this.referent = referent;
    const steps: EditStep[] = [];
    const notes: string[] = [];
    let cur = scene;
    for (const whole of edits) {
      for (const e of canonicalInstruction(whole, cur) === null ? splitEdit(whole) : [whole]) {
        const next = applyEdit(cur, e);
        if (scenesEqual(next, cur)) notes.push(alreadyReply(e, cur));
        else steps.push({ edit: e, instruction: canonicalInstruction(e, cur)!, expected: next });
        cur = next;
      }
    }
    if (steps.length === 0) return this.result('impossible', `${notes[0]} Nothing changed.`);
    const unsure = [...new Set(steps.flatMap((s) => targetCells(s.edit)))]
      .filter((c) => opts.confidence?.[c] !== undefined && opts.confidence[c]! < LOW_CONFIDENCE);
    if (unsure.length) notes.push(`(I wasn't sure what is in the ${unsure.map((c) => CELL_NAMES[c]).join(' and the ')}.)`);
    const summary = steps.map((s) => pastTense(s.instruction)).join(' ');
    this.history.add({ kind: 'edit', user, summary, steps, scene: cur, referent });
    return this.result(kind, [summary, ...notes].join(' '), steps);
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
        const what = left.length === 1 ? `Undid: ${nodeWords(left[0]!)}.` : `Went back ${left.length} steps.`;
        return this.result('undo', `${what}${end}`);
      }
      case 'redo': {
        const entered = h.redo(cmd.count);
        if (entered.length === 0) return this.result('redo', 'There is nothing to redo.');
        this.referent = h.current.referent;
        const what = entered.length === 1 ? `Redid: ${nodeWords(entered[0]!)}.` : `Redid ${entered.length} steps.`;
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
    return this.result(f.impossible ? 'impossible' : 'unknown', f.reply);
  }
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

/** A question by its first word: such turns are never edits. */
function looksLikeQuestion(text: string): boolean {
  const w = stripFiller(words(text));
  return w.length > 1 && QUESTION_WORDS.has(w[0]!);
}

function openFailure(failure: string, scene: Scene): string {
  if (failure === 'one at a time') return 'I can only do that to one of them at a time.';
  if (failure.startsWith('there are only')) return `Sorry, ${failure}.`;
  return failureReply(failure, scene).reply;
}

/** "made the circle in the top left red and removed the star in the middle" (for undo, redo and jump replies). */
function nodeWords(node: HistoryNode): string {
  if (node.kind !== 'edit') return 'went back to the original picture';
  return joinAnd(node.steps.map((s) => pastTense(s.instruction).replace(/\.$/, '')).map((p) => p[0]!.toLowerCase() + p.slice(1)));
}
