/**
 * One picture's conversation: the dialogue layer decides what a turn means, the engine runs the model for each
 * edit step on the previous step's output, and the recognizer reads the result back into a scene for the next
 * turn. Shared by the app and the evaluation CLIs, so both run exactly the same system.
 */
import { checkSceneFit } from './domain-fit.ts';
import {
  DialogueManager, cellDistance, dialogueOf, joinAnd, repairSteps,
  type DialogueDomain, type DialogueState, type DialogueTurn, type DomainWithDialogue, type EditStep,
} from '../dialogue/index.ts';
import type { Recognition } from '../domain/domain.ts';
import { differingCells, type Scene } from '../domain/scene.ts';
import type { EditResult, Engine } from '../../workers/engine.ts';
import { throwIfAborted } from '../../workers/errors.ts';
import type { Understander } from '../understanding/understander.ts';
import { confineToCells } from './confine.ts';
import { swapCells } from './transplant.ts';
import { domainLexicon, understanderFor } from './understander.ts';

/** What is kept for a history node that has its own picture. */
export interface NodeData {
  image: Uint8ClampedArray;
  size: number;
  /** Tracker state after the turn that made this picture (null for the original). */
  state: Float32Array | null;
  recognition: Recognition;
  /** Outputs of the last model step of the user's own instruction (not a touch-up), for the overlay views. */
  result?: EditResult;
}

/** Where node pictures live: IndexedDB in the app, a Map in the CLIs and tests. */
export interface NodeStore {
  get(nodeId: string): Promise<NodeData | undefined>;
  put(nodeId: string, data: NodeData): Promise<void>;
}

/** An in-memory NodeStore. */
export function memoryNodes(): NodeStore {
  const map = new Map<string, NodeData>();
  return { get: async (id) => map.get(id), put: async (id, d) => void map.set(id, d) };
}

/** How a conversation runs its turns. */
export interface ConversationOptions {
  /**
   * Rounds of touch-up after an edit (src/dialogue/repair.ts): cells the recognizer reads differently from what
   * the turn asked for are edited again (the first round edits their attributes, the second redraws them, later
   * rounds repeat both in other words: the same words on the same picture give the same result), and a cell
   * keeps a round's pixels only if it reads closer to what was asked. 0 turns it off.
   */
  repairRounds?: number;
  /** Keep each model step's pixels only inside the cells its edit names (confine.ts). Default on. */
  confine?: boolean;
  /** Do moves and swaps by copying the cells' pixels (transplant.ts) instead of asking the model. Default on. */
  transplant?: boolean;
}

/** One turn's settings (each wins over the one given at start), its cancel signal, and the write that makes it count. */
export interface SayOptions extends ConversationOptions {
  signal?: AbortSignal;
  /** Awaited before the turn counts (the app stores it here); when it throws, the turn is rolled back like a failed one. */
  commit?: (turn: ConversationTurn) => Promise<void>;
}

const DEFAULT_REPAIR_ROUNDS = 3;

/** The settings one turn runs with, and its signal. */
interface Run {
  repairRounds: number;
  confine: boolean;
  transplant: boolean;
  signal?: AbortSignal;
}

/** A picture and the tracker state after the model steps that made it. */
interface Picture {
  image: Uint8ClampedArray;
  state: Float32Array | null;
}

/** A turn's outcome: the dialogue's decision plus what the model produced. */
export interface ConversationTurn {
  dialogue: DialogueTurn;
  /** Data of the node now on screen. */
  shown: NodeData;
  /** One result per model step run this turn, touch-ups included (empty when no edit ran). */
  results: EditResult[];
  /** Cells a touch-up round fixed or changed. */
  repaired: number[];
}

export class Conversation {
  /** The domain's dialogue rules (edits, instructions, replies). */
  private readonly rules: DialogueDomain;

  private constructor(
    private readonly domain: DomainWithDialogue,
    private readonly engine: Engine,
    /** Loaded on the first turn, so a stored conversation reopens before its model pack has loaded. */
    private understander: Understander | null,
    private manager: DialogueManager,
    private readonly nodes: NodeStore,
    /** Settings for turns that do not give their own. */
    private readonly defaults: ConversationOptions,
  ) {
    this.rules = dialogueOf(domain);
  }

  /** Starts a conversation over a picture: the recognizer reads its scene, which becomes the history's root. */
  static async start(
    domain: DomainWithDialogue, engine: Engine, nodes: NodeStore, image: Uint8ClampedArray, size: number, options: ConversationOptions = {},
  ): Promise<Conversation> {
    const rules = dialogueOf(domain);
    const understander = await understanderFor(engine, domain);
    const recognition = domain.readScene(await engine.recognize(image, size));
    checkSceneFit(domain, image, size, recognition.scene); // before anything is stored
    const manager = new DialogueManager(recognition.scene, domainLexicon(domain), rules);
    await nodes.put(manager.current.id, { image, size, state: null, recognition });
    return new Conversation(domain, engine, understander, manager, nodes, options);
  }

  /** Resumes a saved conversation. */
  static resume(domain: DomainWithDialogue, engine: Engine, nodes: NodeStore, state: DialogueState, options: ConversationOptions = {}): Conversation {
    return new Conversation(domain, engine, null, DialogueManager.fromJSON(state, domainLexicon(domain), dialogueOf(domain)), nodes, options);
  }

  /**
   * Makes the picture on screen show `scene` (rendered as `image`): evaluation's teacher forcing, so that each
   * turn starts from the expected previous scene. The history keeps its shape; only this node's picture changes.
   * `asked`: the previous turn was meant to ask, so its question stays open.
   */
  async force(scene: Scene, image: Uint8ClampedArray, asked = false): Promise<void> {
    const data = await this.dataOf(this.manager.current.id);
    const forced = this.manager.forceScene(scene, asked);
    const id = forced.added ? forced.node : this.manager.current.image;
    await this.nodes.put(id, { ...data, image, recognition: { scene, confidence: scene.cells.map(() => 1) } });
  }

  /** The dialogue state to persist after every turn. */
  toJSON(): DialogueState {
    return this.manager.toJSON();
  }

  get dialogue(): DialogueManager {
    return this.manager;
  }

  /** Data of the picture a node shows. */
  async dataOf(nodeId: string): Promise<NodeData> {
    const node = this.manager.nodes.find((n) => n.id === nodeId);
    const data = node && (await this.nodes.get(node.image));
    if (!data) throw new Error(`No picture is stored for history node ${nodeId}`);
    return data;
  }

  /** Runs one user turn. On any failure the dialogue state is rolled back, so the turn can simply be retried. */
  say(text: string, options: SayOptions = {}): Promise<ConversationTurn> {
    const d = this.defaults;
    const run: Run = {
      repairRounds: options.repairRounds ?? d.repairRounds ?? DEFAULT_REPAIR_ROUNDS, confine: options.confine ?? d.confine ?? true,
      transplant: options.transplant ?? d.transplant ?? true, signal: options.signal,
    };
    return this.atomically(() => this.turn(text, run), options.commit);
  }

  /** Moves to any history node (filmstrip click); nothing runs. Rolled back, like a turn, when `commit` fails. */
  jump(nodeId: string, options: Pick<SayOptions, 'commit'> = {}): Promise<ConversationTurn> {
    return this.atomically(async () => {
      const dialogue = this.manager.jump(nodeId);
      return { dialogue, shown: await this.dataOf(dialogue.show), results: [], repaired: [] };
    }, options.commit);
  }

  /** The one rollback: a turn, with its commit, happens entirely or leaves the dialogue state as it was. */
  private async atomically(turn: () => Promise<ConversationTurn>, commit?: SayOptions['commit']): Promise<ConversationTurn> {
    const before = this.manager.toJSON();
    try {
      const done = await turn();
      await commit?.(done);
      return done;
    } catch (e) {
      this.manager = DialogueManager.fromJSON(before, domainLexicon(this.domain), this.rules);
      throw e;
    }
  }

  private async turn(text: string, run: Run): Promise<ConversationTurn> {
    const current = await this.dataOf(this.manager.current.id);
    this.understander ??= await understanderFor(this.engine, this.domain);
    const reading = await this.understander.read(text, this.manager.context);
    const dialogue = this.manager.turn(reading, current.recognition.scene, { confidence: current.recognition.confidence });
    let results: EditResult[] = [];
    let repaired: number[] = [];
    let reply = dialogue.reply;
    if (dialogue.steps.length > 0) {
      const size = current.size;
      // A correction starts from the picture before the edit it replaces.
      const base = dialogue.from ? await this.dataOf(dialogue.from) : current;
      const painted = await this.paint(dialogue.steps, base, size, run);
      const done = await this.touchUp(dialogue.scene, painted.picture, size, run);
      results = [...painted.results, ...done.results];
      repaired = done.repaired;
      // The overlays explain the user's own instruction, so they come from its last step, not from a touch-up.
      await this.nodes.put(dialogue.node, { ...done.picture, size, recognition: done.recognition, result: painted.results.at(-1) });
      const note = this.rules.replies.shortfall(dialogue.scene, done.recognition.scene);
      if (note) reply = `${reply} ${note}`;
      else if (repaired.length > 0) reply = `${reply} (A second pass fixed ${joinAnd(repaired.map((c) => `the ${this.domain.cellNames[c]}`))}.)`;
    }
    return { dialogue: { ...dialogue, reply }, shown: await this.dataOf(dialogue.show), results, repaired };
  }

  /** Reads the picture and runs touch-up rounds while cells differ from `expected`; `results` are the touch-ups'. */
  private async touchUp(expected: Scene, first: Picture, size: number, run: Run) {
    let picture = first;
    let results: EditResult[] = [];
    let recognition = await this.read(first.image, size);
    // The recognizer's reading, with what the domain's pixel check adds (washed-out ink the recognizer reads right).
    const judged = (r: Recognition, image: Uint8ClampedArray) => this.domain.judgeReading?.(image, expected, r.scene) ?? r.scene;
    let view = judged(recognition, first.image);
    const repaired = new Set<number>();
    for (let round = 0; round < run.repairRounds; round++) {
      const wrong = differingCells(expected, view);
      const fix = repairSteps(this.rules, expected, view, { rebuild: round % 2 === 1, wording: Math.floor(round / 2) });
      if (fix.length === 0) break;
      const touched = await this.paint(fix, picture, size, { ...run, confine: true });
      results = [...results, ...touched.results];
      const seen = await this.read(touched.picture.image, size);
      const seenView = judged(seen, touched.picture.image);
      // Per cell: the new pixels stay only where the reading got closer (a failed touch-up must not make it worse).
      const far = (v: Scene, c: number) => cellDistance(expected.cells[c] ?? null, v.cells[c] ?? null);
      const better = wrong.filter((c) => far(seenView, c) < far(view, c));
      if (better.length === 0) continue;
      const all = better.length === wrong.length;
      const image = all ? touched.picture.image : confineToCells(picture.image, touched.picture.image, size, better, this.grid);
      picture = { image, state: touched.picture.state };
      recognition = all ? seen : await this.read(image, size);
      view = all ? seenView : judged(recognition, image);
      for (const c of better) repaired.add(c);
    }
    return { picture, recognition, results, repaired: [...repaired].sort((a, b) => a - b) };
  }

  /** Reads a picture's scene: the engine runs the recognizer, the domain reads its heads. */
  private async read(image: Uint8ClampedArray, size: number): Promise<Recognition> {
    return this.domain.readScene(await this.engine.recognize(image, size));
  }

  private get grid() {
    return this.domain.language.grid ?? { rows: 1, cols: 1 };
  }

  /**
   * Runs the steps one after another, each on the previous step's output: model steps are confined to their
   * edit's cells; moves and swaps copy pixels when the options say so (no model runs, the tracker state stays).
   */
  private async paint(
    steps: readonly EditStep[], from: Picture, size: number, run: Run,
  ): Promise<{ picture: Picture; results: EditResult[] }> {
    let { image, state } = from;
    const results: EditResult[] = [];
    for (const step of steps) {
      throwIfAborted(run.signal);
      const cells = this.rules.pixelSwap(step.edit);
      if (cells && run.transplant) {
        image = swapCells(image, size, this.grid, cells[0], cells[1]);
        continue;
      }
      const kept = this.rules.changedCells(step.edit);
      const keep = run.confine ? { grid: this.grid, cells: kept } : undefined;
      const r = await this.engine.edit({ image, size, text: step.instruction, state, keep }, run.signal);
      results.push(r);
      image = run.confine ? confineToCells(image, r.image, size, kept, this.grid) : r.image;
      state = r.state;
    }
    return { picture: { image, state }, results };
  }
}
