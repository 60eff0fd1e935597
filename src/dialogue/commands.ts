/** Undo, redo and start over on the history tree, with the reply each one gives. */
import { scenesEqual } from '../domain/scene.ts';
import type { DialogueDomain } from './dialogue-domain.ts';
import type { HistoryNode, HistoryTree } from './history.ts';

/** What a command did: its reply, and the new pronoun referent (undefined: unchanged). */
export interface CommandResult {
  reply: string;
  referent?: number[] | null;
}

/** Runs undo / redo (count steps) or a reset to the original picture. */
export function runCommand(rules: DialogueDomain, h: HistoryTree, kind: 'undo' | 'redo' | 'reset', count: number): CommandResult {
  if (kind === 'reset') {
    if (h.current.image === h.root.id || scenesEqual(h.current.scene, h.root.scene)) return { reply: 'This is already the original picture, so nothing changed.' };
    h.add({ kind: 'reset', user: 'start over', summary: 'Went back to the original picture.', steps: [], scene: h.root.scene, referent: null, image: h.root.image });
    return { reply: 'Back to the original picture. Say "undo" to return to the edits.', referent: null };
  }
  if (kind === 'undo') {
    const left = h.undo(count);
    if (left.length === 0) return { reply: 'There is nothing to undo: this is the original picture.' };
    const end = h.current.parent === null && left.length < count ? ' This is the original picture.' : '';
    return { reply: `${left.length === 1 ? `Undid: ${nodeWords(rules, left[0]!)}.` : `Went back ${left.length} steps.`}${end}`, referent: undoFocus(rules, left[left.length - 1]!) };
  }
  const entered = h.redo(count);
  if (entered.length === 0) return { reply: 'There is nothing to redo.' };
  return { reply: entered.length === 1 ? `Redid: ${nodeWords(rules, entered[0]!)}.` : `Redid ${entered.length} steps.`, referent: h.current.referent };
}

function undoFocus(rules: DialogueDomain, node: HistoryNode): number[] | null {
  const e = node.steps[0]?.edit;
  return e ? rules.undoFocus(e) : null;
}

/** "made the circle in the top left red and removed the star in the middle" (for undo, redo and jump replies). */
export function nodeWords(rules: DialogueDomain, node: HistoryNode): string {
  if (node.kind !== 'edit') return 'went back to the original picture';
  return node.steps.map((s) => rules.pastTense(s.instruction).replace(/\.$/, '')).map((p) => p[0]!.toLowerCase() + p.slice(1)).join(' and ');
}

