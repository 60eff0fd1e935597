/** The dialogue layer's public API: the manager, canonical instructions for the model, and the evaluation replay. */
export { DialogueManager, type DialogueKind, type DialogueState, type DialogueTurn, type OpenQuestion, type TurnOptions } from './manager.ts';
export type { EditStep, HistoryNode, HistoryState } from './history.ts';
export { canonicalInstruction, pastTense, splitEdit } from './canonical.ts';
export { evaluateDialogues, replayDialogue, type DialogueReport, type ReplayedTurn } from './evaluate.ts';
export { LOW_CONFIDENCE } from './question-answer.ts';
export { shortfallNote } from './replies.ts';
export { cellDistance, repairSteps } from './repair.ts';
