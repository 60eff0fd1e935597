/**
 * The dialogue manager (after DialogPaint): acts on each turn as understanding read it (src/understanding),
 * resolves references against the scene the recognizer read, asks when a reference, value or place is
 * missing or ambiguous, confirms when unsure, and turns edits into canonical instructions for the model.
 * Its whole state is plain JSON, saved by the app every turn.
 */
import { scenesEqual, type Scene } from '../domain/scene.ts';
import { fits, type Change } from '../understanding/changes.ts';
import { EDIT_OPS, interpret } from '../understanding/interpret.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import type { Failure, Need } from '../understanding/outcome.ts';
import type { Reading } from '../understanding/reading.ts';
import type { Context } from '../understanding/tags.ts';
import { MAX_TURN_CHARS } from '../understanding/text.ts';
import { stepCount } from './answers.ts';
import { nodeWords, runCommand } from './commands.ts';
import { confirmQuestion, planSteps } from './plan.ts';
import { CONFIRM_BELOW, LOW_CONFIDENCE, readingConfidence } from './confidence.ts';
import { alongWords, contradictsIn } from './contradiction.ts';
import type { DialogueDomain, DomainEdit } from './dialogue-domain.ts';
import { correction } from './correction.ts';
import { follow, remember } from './mentions.ts';
import { bringsBack, undoReach } from './undo-reach.ts';
import { asPlainRequest, movesBack, changedCells, isCorrection, mainClauses, restates } from './turn-shape.ts';
import { settle } from './exact-path.ts';
import { HistoryTree, type EditStep, type HistoryNode } from './history.ts';
import { answerOpen } from './open-answer.ts';
import { focusOf, questionReferent, stillAsking } from './referents.ts';
import type { LastEdit, OpenQuestion, Request } from './request.ts';

export type { LastEdit, OpenQuestion, Request } from './request.ts';
import type { DialogueKind, DialogueState, DialogueTurn, TurnOptions } from './turn.ts';

export type { DialogueKind, DialogueState, DialogueTurn, TurnOptions } from './turn.ts';

const OPEN_KINDS = new Set(['which', 'value', 'where', 'what', 'confirm']);

export class DialogueManager {
  private open: OpenQuestion | null = null;
  private referent: number[] | null = null;
  private last: LastEdit | null = null;
  private lastKind: Context = 'start';
  /** The node the current turn started from (teacher forcing replaces what the turn added). */
  private turnFrom: string | null = null;
  private lastTurn: DialogueKind | null = null;
  private mentions: number[][] = [];
  private history: HistoryTree;

  /** Confirm edits read with less confidence than this (CONFIRM_BELOW; 0 never confirms, for calibration). */
  confirmBelow = CONFIRM_BELOW;

  /** A dialogue about `initial`, in the words of `lex`, by the domain's dialogue `rules`. */
  constructor(initial: Scene, readonly lex: Lexicon, readonly rules: DialogueDomain) {
    this.history = HistoryTree.start(initial);
  }

  /** Restores a dialogue from toJSON's output (an open question in an older format is dropped). */
  static fromJSON(state: DialogueState, lex: Lexicon, rules: DialogueDomain): DialogueManager {
    if (state.version !== 1) throw new RangeError(`unknown dialogue state version ${String(state.version)}`);
    const m = new DialogueManager(state.history.nodes[0]!.scene, lex, rules);
    m.history = HistoryTree.fromJSON(state.history);
    m.referent = state.referent ? [...state.referent] : null;
    const open = state.open as OpenQuestion | null;
    m.open = open && OPEN_KINDS.has(open.kind) && (open.kind === 'what' || 'request' in open) ? structuredClone(open) : null;
    m.last = state.last?.reading ? structuredClone(state.last) : null;
    m.lastKind = state.context ?? 'other';
    m.mentions = state.mentions?.map((x) => [...x]) ?? [];
    return m;
  }

  toJSON(): DialogueState {
    return {
      version: 1, history: this.history.toJSON(), referent: this.referent ? [...this.referent] : null,
      open: structuredClone(this.open), last: structuredClone(this.last), context: this.lastKind, mentions: this.mentions.map((x) => [...x]),
    };
  }

  get current(): HistoryNode {
    return this.history.current;
  }

  get nodes(): HistoryNode[] {
    return this.history.all();
  }

  get awaitingAnswer(): boolean {
    return this.open !== null;
  }

  /** What the dialogue waits for, as the understanding model's context token. */
  get context(): Context {
    return this.open?.kind ?? this.lastKind;
  }

  /** One user turn, as understanding read it, against the scene now on screen (as the recognizer read it). */
  turn(reading: Reading, scene: Scene, opts: TurnOptions = {}): DialogueTurn {
    this.history.setScene(scene);
    this.turnFrom = this.history.current.id;
    const t = this.decide(reading, scene, opts);
    this.lastTurn = t.kind;
    this.lastKind = t.kind === 'edit' || t.kind === 'answer' ? 'edited' : 'other';
    // A swap's two objects are talked about, though "it" is only the first one ("make them both dotted").
    const changed = t.kind === 'edit' || t.kind === 'answer' ? t.steps.flatMap((s) => this.rules.changedCells(s.edit)) : [];
    this.mentions = remember(this.mentions, [...(t.candidates ?? []), ...(this.referent ?? []), ...changed]);
    return t;
  }

  private decide(read: Reading, scene: Scene, opts: TurnOptions): DialogueTurn {
    if (read.utterance.text.length > MAX_TURN_CHARS) return this.fail({ code: 'too-long', max: MAX_TURN_CHARS }, scene);
    const reading = mainClauses(read);
    const first = reading.clauses.find((c) => c.op !== 'other') ?? reading.clauses[0];
    if (!first) return this.result('unknown', this.rules.replies.help(scene, 'Please tell me what to change.'));
    const open = this.open;
    // Mostly words Parley has never seen ("asdf qwer zxcv"): whatever the tagger made of them, say so.
    const u = reading.utterance;
    if (u.unknown.length * 2 >= u.words.filter((w) => /[a-z]/.test(w)).length) return this.fail({ code: 'nothing-recognized' }, scene);
    switch (first.op) {
      case 'undo':
      case 'redo': {
        this.open = null;
        // "bring them back, medium was fine" right after an undo brings back what it undid.
        const op = first.op === 'undo' && this.lastTurn === 'undo' && bringsBack(first) && this.current.redoChild ? 'redo' : first.op;
        return this.command(op, (op === 'undo' ? undoReach(first, scene, this.history, this.rules, this.lex) : null) ?? stepCount(first.words, this.lex));
      }
      case 'reset':
        this.open = null;
        // "undo everything" walks back to the original (redo can walk forward again); "start over" adds a step.
        return first.words.includes('undo') ? this.command('undo', this.history.depth) : this.command('reset', 1);
      case 'cancel':
        this.open = null;
        return this.result('cancel', open ? 'OK, never mind. What should I change?' : 'OK.');
      case 'question':
        return this.question(reading, scene, opts);
      case 'other': {
        // "why is the sky blue?": a question Parley cannot answer gets the list of those it can.
        if (/\?\s*$/.test(reading.utterance.text) || /^(what|why|how|where|which|who|is|are|does|do|can)$/.test(reading.utterance.words[0] ?? '')) return this.question(reading, scene, opts);
        return this.result('other', `${this.rules.replies.remark(first.words, scene)}${this.still(scene)}`);
      }
      default:
        break;
    }
    if (open) {
      const a = answerOpen(open, reading, scene, this.lex, this.referent);
      if (a && 'request' in a) return this.carry(a.request, scene, opts, 'answer');
      if (a && 'cancel' in a) {
        this.open = null;
        return this.result('cancel', a.cancel);
      }
      if (a) return this.ask(a.reask, (open as { request: Request }).request, scene, a.lead);
    }
    const referent = open?.kind === 'what' ? open.targets : this.referent;
    if (first.op === 'fix' && /\b(as well|too|also)\b/.test(first.words.join(' '))) {
      return this.carry({ reading: { ...reading, clauses: reading.clauses.map((c) => (c.op === 'fix' ? { ...c, op: 'repeat' as const } : c)) }, choices: [], given: [], referent }, scene, opts);
    }
    if (first.op === 'fix' && isCorrection(first.words)) return this.fix(reading, scene, opts);
    if (first.op === 'fix') return this.carry({ reading: asPlainRequest(reading), choices: [], given: [], referent }, scene, opts);
    if (first.op === 'yes' || first.op === 'no') return this.result('other', first.op === 'yes' ? 'OK.' : 'OK, nothing changed.');
    if (first.op === 'select') return this.focus(reading, scene);
    if (!reading.clauses.some((c) => EDIT_OPS.has(c.op))) return this.fail({ code: 'nothing-recognized' }, scene);
    this.open = null;
    // "no, I meant swap the square with the star": a whole new request of the same kind in place of the last one.
    const last = this.last?.node === this.current.id && this.current.parent !== null ? this.last : null;
    if (last && movesBack(reading, last.changes, scene, this.lex)) return this.command('undo', 1);
    const replaces = last && restates(reading, last.reading, open !== null) ? { replaces: last.node } : {};
    return this.carry({ reading, choices: [], given: [], referent, fresh: true, ...replaces }, scene, opts);
  }

  /** Carries out a request: edits, a question, or a failure. */
  carry(req: Request, shown: Scene, opts: TurnOptions, kind: 'edit' | 'answer' = 'edit'): DialogueTurn {
    // A correction works on the picture before the edit it replaces, while that edit is still the one on screen.
    const replacing = req.replaces !== undefined && req.replaces === this.current.id && this.current.parent !== null;
    const scene = replacing ? this.history.node(this.current.parent!)!.scene : shown;
    // Proposed changes are used as they are only while the picture still allows them.
    const it = req.changes && req.confirmed && fits(req.changes, scene.cells)
      ? { kind: 'changes' as const, changes: req.changes, referent: req.changes.flatMap((c) => ('cells' in c ? c.cells : [])), unknown: [] }
      : interpret(req.reading, this.lex, {
        scene, referent: req.referent !== undefined ? req.referent : this.referent, choices: req.choices, given: req.given,
        previous: this.last?.node === this.current.id && !replacing ? this.last.changes : null, mentions: this.mentions,
      });
    // Not once the user answered a question about it: the rules would read the question's words again, not the answer.
    const answered = req.choices.length > 0 || req.given.length > 0;
    const exact = req.fresh && !replacing && !answered ? this.rules.exactReading?.(req.reading.utterance.text, scene, req.referent ?? this.referent) ?? null : null;
    // The learned reading gave up or asked; the grammar's rules read every word: use theirs. Not where the user
    // said "one of" several: that is a question only they can answer.
    const oneOf = it.kind === 'ask' && it.need.need === 'which' && /\bone of\b/.test(it.need.phrase);
    if (exact?.kind === 'edits' && it.kind !== 'changes' && !oneOf) {
      const s = settle(this.rules, this.lex, req.reading, scene, exact, null, false);
      if (s.use === 'exact') return this.execute(req, scene, s.changes, s.referent, kind, opts, 1);
    }
    if (it.kind === 'fail') return this.fail(it.failure, shown);
    if (it.kind === 'ask') return this.ask(it.need, req, shown);
    let confidence = req.confidence ?? readingConfidence(req.reading, it.unknown, this.lex);
    const against = !req.changes && contradictsIn(req.reading, it.changes, this.lex, scene);
    // Words that say the opposite of the edit: propose what the words say, and ask.
    const changes = against ? alongWords(req.reading, it.changes, this.lex) : it.changes;
    const edits = changes.map((c) => this.rules.toEdit(c));
    if (exact?.kind === 'edits') {
      const s = settle(this.rules, this.lex, req.reading, scene, exact, changes, against);
      if (s.use === 'exact') return this.execute(req, scene, s.changes, s.referent, kind, opts, 1);
      if (s.agree) confidence = 1;
    }
    if (!req.confirmed && (confidence < this.confirmBelow || against)) {
      const steps = planSteps(this.rules, edits, scene).steps;
      if (steps.length) {
        this.open = { kind: 'confirm', request: { ...req, ...(against ? { changes } : {}) } };
        return { ...this.result('confirm', confirmQuestion(steps)), scene: steps[steps.length - 1]!.expected, confidence };
      }
    }
    if (replacing) {
      // "no, I want it striped still": a correction that leaves the picture as it was before the edit undoes it.
      if (planSteps(this.rules, edits, scene).steps.length === 0) return this.command('undo', 1);
      this.history.undo(1);
      this.history.setScene(scene);
    }
    return this.execute(req, scene, changes, it.referent, kind, opts, confidence);
  }

  /** Runs a request's changes as an edit turn and remembers it for corrections and repeats. */
  private execute(req: Request, scene: Scene, changes: Change[], referent: number[] | null, kind: 'edit' | 'answer', opts: TurnOptions, confidence: number): DialogueTurn {
    this.open = null;
    const done = this.edit(req.reading.utterance.text, scene, changes.map((c) => this.rules.toEdit(c)), referent, kind, opts);
    this.mentions = follow(this.mentions, changes);
    if (done.kind === kind) this.last = { node: done.node, reading: req.reading, choices: req.choices, given: req.given, changes };
    return { ...done, confidence };
  }

  /** Opens a question for a need. */
  ask(need: Need, req: Request, scene: Scene, lead?: string): DialogueTurn {
    this.open = need.need === 'what' ? { kind: 'what', targets: need.targets } : { kind: need.need, need, request: req } as OpenQuestion;
    // "What color should the star be?" -> "make it red": "it" is what the question was about.
    if ((need.need === 'value' || need.need === 'what') && need.targets.length) this.referent = [...need.targets];
    const t = this.result('clarify', `${lead ? `${lead} ` : ''}${this.rules.replies.need(need, scene)}`);
    return need.need === 'which' ? { ...t, candidates: [...need.candidates] } : t;
  }

  /** Says why a turn could not be done (and keeps an open question open, asking it again). */
  fail(f: Failure, scene: Scene): DialogueTurn {
    const r = this.rules.replies.failure(f, scene);
    return this.result(r.impossible ? 'impossible' : 'unknown', `${r.reply}${this.still(scene)}`);
  }

  /**
   * Teacher forcing for evaluation: the history goes on from `scene` as if the turn had produced it. A turn that
   * meant this scene keeps its node (only the picture was off); otherwise a node with it is added, in place of
   * the edit the turn made if it made one, so that a later "undo" leaves the expected history. Returns the id of
   * the node that now shows `scene`, and whether it is new. `asked`: the turn was meant to ask a question.
   */
  forceScene(scene: Scene, asked = false): { node: string; added: boolean } {
    if (scenesEqual(this.current.scene, scene)) return { node: this.current.id, added: false };
    if (asked) {
      // The turn was meant to ask: only the reading of the picture was off; the question stays open.
      this.history.setScene(scene);
      return { node: this.current.id, added: false };
    }
    this.open = null;
    if (this.current.parent !== null && this.current.parent === this.turnFrom) this.history.undo(1);
    const node = this.history.add({ kind: 'edit', user: '', summary: 'The expected picture.', steps: [], scene, referent: this.referent });
    this.lastKind = 'edited';
    return { node: node.id, added: true };
  }

  /** Moves to any history node (a click in the history view); throws RangeError for an unknown id. */
  jump(nodeId: string): DialogueTurn {
    if (!this.history.jump(nodeId)) throw new RangeError(`no history node ${nodeId}`);
    this.open = null;
    const node = this.history.current;
    this.referent = node.referent;
    const what = node.parent === null ? 'Back to the original picture.' : `Back to the picture after: ${nodeWords(this.rules, node)}.`;
    return this.result('jump', what);
  }

  result(kind: DialogueKind, reply: string, steps: EditStep[] = []): DialogueTurn {
    const node = this.history.current;
    return { kind, reply, steps, node: node.id, show: node.image, scene: steps.length ? steps[steps.length - 1]!.expected : node.scene };
  }

  /** The open question, asked again after a reply that did not answer it. */
  private still(scene: Scene): string {
    return stillAsking(this.open, scene, this.rules);
  }

  private question(reading: Reading, scene: Scene, opts: TurnOptions): DialogueTurn {
    const a = this.rules.answer(reading, scene, this.referent, opts.confidence);
    this.referent = questionReferent(reading, a.referent, scene, this.lex, this.referent);
    return this.result('question', `${a.reply}${this.still(scene)}`);
  }

  /** "the red one" with nothing asked: that object becomes "it", and Parley asks what to do with it. */
  private focus(reading: Reading, scene: Scene): DialogueTurn {
    const { r, words } = focusOf(reading, scene, this.lex, this.referent);
    if (r.status === 'none') return this.fail({ code: 'nothing-recognized' }, scene);
    this.referent = r.cells;
    this.open = { kind: 'what', targets: r.cells };
    if (r.status === 'ambiguous') return { ...this.result('clarify', this.rules.replies.need({ need: 'which', slot: { clause: 0, role: 'TGT', span: 0 }, candidates: r.cells, phrase: words.join(' ') }, scene)), candidates: r.cells };
    return this.result('clarify', this.rules.replies.need({ need: 'what', targets: r.cells }, scene));
  }

  /** "no, the other one" / "make it blue instead" / "keep the green one": the last edit is replaced by the corrected one. */
  private fix(reading: Reading, scene: Scene, opts: TurnOptions): DialogueTurn {
    const last = this.last;
    if (!last || last.node !== this.current.id || this.history.current.parent === null) {
      return this.carry({ reading: asPlainRequest(reading), choices: [], given: [] }, scene, opts);
    }
    const before = this.history.node(this.history.current.parent!)!.scene;
    this.referent = changedCells(last.changes);
    const req = correction(last, reading, before, this.lex, this.mentions);
    if (req === 'revert') return this.command('undo', 1);
    return req ? this.carry(req, scene, opts) : this.fail({ code: 'nothing-to-fix' }, scene);
  }

  private edit(user: string, scene: Scene, edits: DomainEdit[], referent: number[] | null, kind: 'edit' | 'answer', opts: TurnOptions): DialogueTurn {
    this.referent = referent;
    const { steps, notes, end } = planSteps(this.rules, edits, scene);
    if (steps.length === 0) return this.result('impossible', `${notes[0] ?? 'That changes nothing.'} Nothing changed.`);
    const unsure = [...new Set(steps.flatMap((s) => this.rules.readCells(s.edit)))].filter((c) => (opts.confidence?.[c] ?? 1) < LOW_CONFIDENCE);
    if (unsure.length) notes.push(this.rules.replies.unsure(unsure));
    const summary = steps.map((s) => this.rules.pastTense(s.instruction)).join(' ');
    const from = this.history.current.id;
    this.history.add({ kind: 'edit', user, summary, steps, scene: end, referent });
    return { ...this.result(kind, [summary, ...notes].join(' '), steps), from };
  }

  private command(kind: 'undo' | 'redo' | 'reset', count: number): DialogueTurn {
    const r = runCommand(this.rules, this.history, kind, count);
    if (r.referent !== undefined) this.referent = r.referent;
    return this.result(kind, r.reply);
  }
}


