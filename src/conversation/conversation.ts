/**
 * One picture's conversation: the dialogue layer decides what a turn means, the engine runs the model for each
 * edit step on the previous step's output, and the recognizer reads the result back into a scene for the next
 * turn. Shared by the app and the evaluation CLIs, so both run exactly the same system.
 */
import { DialogueManager, shortfallNote, type DialogueState, type DialogueTurn } from '../dialogue/index.ts';
import type { EditResult, Engine, Recognition } from '../../workers/engine.ts';
import { throwIfAborted } from '../../workers/errors.ts';

/** What is kept for a history node that has its own picture. */
export interface NodeData {
  image: Uint8ClampedArray;
  size: number;
  /** Tracker state after the turn that made this picture (null for the original). */
  state: Float32Array | null;
  recognition: Recognition;
  /** The last model step's outputs, for the mask / attention / step-map views. */
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

/** A turn's outcome: the dialogue's decision plus what the model produced. */
export interface ConversationTurn {
  dialogue: DialogueTurn;
  /** Data of the node now on screen. */
  shown: NodeData;
  /** One result per model step run this turn (empty when no edit ran). */
  results: EditResult[];
}

export class Conversation {
  private constructor(
    private readonly engine: Engine,
    private manager: DialogueManager,
    private readonly nodes: NodeStore,
  ) {}

  /** Starts a conversation over a picture: the recognizer reads its scene, which becomes the history's root. */
  static async start(engine: Engine, nodes: NodeStore, image: Uint8ClampedArray, size: number): Promise<Conversation> {
    const recognition = await engine.recognize(image, size);
    const manager = new DialogueManager(recognition.scene);
    await nodes.put(manager.current.id, { image, size, state: null, recognition });
    return new Conversation(engine, manager, nodes);
  }

  /** Resumes a saved conversation. */
  static resume(engine: Engine, nodes: NodeStore, state: DialogueState): Conversation {
    return new Conversation(engine, DialogueManager.fromJSON(state), nodes);
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
  async say(text: string, signal?: AbortSignal): Promise<ConversationTurn> {
    const before = this.manager.toJSON();
    try {
      const current = await this.dataOf(this.manager.current.id);
      const dialogue = this.manager.turn(text, current.recognition.scene, { confidence: current.recognition.confidence });
      const results: EditResult[] = [];
      let reply = dialogue.reply;
      if (dialogue.steps.length > 0) {
        let { image, state } = current;
        for (const step of dialogue.steps) {
          throwIfAborted(signal);
          const r = await this.engine.edit({ image, size: current.size, text: step.instruction, state }, signal);
          results.push(r);
          image = r.image;
          state = r.state;
        }
        const recognition = await this.engine.recognize(image, current.size);
        await this.nodes.put(dialogue.node, { image, size: current.size, state, recognition, result: results.at(-1) });
        const note = shortfallNote(dialogue.scene, recognition.scene);
        if (note) reply = `${reply} ${note}`;
      }
      return { dialogue: { ...dialogue, reply }, shown: await this.dataOf(dialogue.show), results };
    } catch (e) {
      this.manager = DialogueManager.fromJSON(before);
      throw e;
    }
  }

  /** Moves to any history node (filmstrip click); nothing runs. */
  async jump(nodeId: string): Promise<ConversationTurn> {
    const dialogue = this.manager.jump(nodeId);
    return { dialogue, shown: await this.dataOf(dialogue.show), results: [] };
  }
}
