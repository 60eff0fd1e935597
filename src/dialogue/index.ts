/** The dialogue layer's public API: the manager, what it takes from a domain, and the evaluation replay. */
export { DialogueManager, type DialogueKind, type DialogueState, type DialogueTurn, type OpenQuestion, type TurnOptions } from './manager.ts';
export type { EditStep, HistoryNode, HistoryState } from './history.ts';
export { dialogueOf, type DialogueDomain, type DialogueReplies, type DomainEdit, type DomainWithDialogue, type ExactReading } from './dialogue-domain.ts';
export { evaluateDialogues, replayDialogue, type DialogueReport, type ReplayedTurn } from './evaluate.ts';
export { LOW_CONFIDENCE } from './confidence.ts';
export { cellDistance, repairSteps } from './repair.ts';
export { joinAnd, joinOr, capitalize } from './wording.ts';
