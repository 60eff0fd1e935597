/**
 * The edit history as a tree: undo moves to the parent, a new edit after undo starts a branch (the old one is
 * kept), redo follows the most recently visited child, jump moves anywhere. Plain JSON in and out.
 */
import { cloneScene, type Scene } from '../domain/scene.ts';
import { historyProblem } from './history-check.ts';
import type { HistoryNode, HistoryState, NewNode } from './history-state.ts';

export type { EditStep, HistoryNode, HistoryState, NewNode } from './history-state.ts';

/** Tree-shaped undo history with a current node. */
export class HistoryTree {
  private readonly nodes = new Map<string, HistoryNode>();
  private currentId: string;
  private nextId: number;

  private constructor(state: HistoryState) {
    const problem = historyProblem(state);
    if (problem) throw new RangeError(`the history ${problem}`);
    for (const n of state.nodes) this.nodes.set(n.id, structuredClone(n));
    this.currentId = state.current;
    this.nextId = state.nextId;
  }

  /** A history holding only the original picture. */
  static start(initial: Scene): HistoryTree {
    const root: HistoryNode = {
      id: 'n0', parent: null, children: [], redoChild: null, kind: 'start', user: '', summary: 'The original picture.',
      steps: [], scene: cloneScene(initial), image: 'n0', referent: null,
    };
    return new HistoryTree({ nodes: [root], current: root.id, nextId: 1 });
  }

  /** A history restored from toJSON's output. */
  static fromJSON(state: HistoryState): HistoryTree {
    return new HistoryTree(state);
  }

  /** The node on screen. */
  get current(): HistoryNode {
    return this.nodes.get(this.currentId)!;
  }

  /** The original picture's node. */
  get root(): HistoryNode {
    return this.nodes.get('n0')!;
  }

  /** A node by id. */
  node(id: string): HistoryNode | undefined {
    return this.nodes.get(id);
  }

  /** Every node, in creation order. */
  all(): HistoryNode[] {
    return [...this.nodes.values()];
  }

  /** Number of undo steps from the current node back to the original. */
  get depth(): number {
    let d = 0;
    for (let n = this.current; n.parent !== null; n = this.nodes.get(n.parent)!) d++;
    return d;
  }

  /** Replaces the current node's scene (the recognizer's reading of its picture). */
  setScene(scene: Scene): void {
    this.current.scene = cloneScene(scene);
  }

  /** Adds a child of the current node and moves to it. */
  add(fields: NewNode): HistoryNode {
    const id = `n${this.nextId++}`;
    const parent = this.current;
    const node: HistoryNode = {
      ...structuredClone(fields), id, parent: parent.id, children: [], redoChild: null, image: fields.image ?? id,
    };
    this.nodes.set(id, node);
    parent.children.push(id);
    parent.redoChild = id;
    this.currentId = id;
    return node;
  }

  /** Moves up to `n` steps towards the original; returns the nodes left, most recent first. */
  undo(n: number): HistoryNode[] {
    const left: HistoryNode[] = [];
    while (left.length < n && this.current.parent !== null) {
      const child = this.current;
      const parent = this.nodes.get(child.parent!)!;
      parent.redoChild = child.id;
      left.push(child);
      this.currentId = parent.id;
    }
    return left;
  }

  /** Moves up to `n` steps along the redo children; returns the nodes entered, in order. */
  redo(n: number): HistoryNode[] {
    const entered: HistoryNode[] = [];
    while (entered.length < n && this.current.redoChild !== null) {
      this.currentId = this.current.redoChild;
      entered.push(this.current);
    }
    return entered;
  }

  /** Moves to any node; redo from its ancestors then leads back to it. False when there is no such node. */
  jump(id: string): boolean {
    const target = this.nodes.get(id);
    if (!target) return false;
    for (let n = target; n.parent !== null; ) {
      const parent = this.nodes.get(n.parent)!;
      parent.redoChild = n.id;
      n = parent;
    }
    this.currentId = id;
    return true;
  }

  /** The serializable state (a deep copy). */
  toJSON(): HistoryState {
    return { nodes: structuredClone(this.all()), current: this.currentId, nextId: this.nextId };
  }
}
