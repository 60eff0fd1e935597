/**
 * The understanding model's labels, shared by the paraphrase generator, the training shards (by name) and the
 * decoder. Every token gets a role (BIO), the operation of its clause, and whether it starts a clause.
 */

/** Clause operations, domain-independent ('set' takes any attribute's value). Never reorder: shard ids. */
export const OPS = ['set', 'more', 'less', 'remove', 'add', 'move', 'swap', 'copy', 'repeat', 'fix', 'undo', 'redo', 'reset',
  'question', 'select', 'yes', 'no', 'cancel', 'other'] as const;
/** A clause operation. */
export type Op = (typeof OPS)[number];

/** Phrase roles: target, second target (swap), value, current state (evaluative), destination, source (copy). */
export const ROLES = ['TGT', 'TGT2', 'VAL', 'CUR', 'DEST', 'SRC'] as const;
/** A phrase role. */
export type Role = (typeof ROLES)[number];
/** BIO tags: 0 = O, then B-role and I-role per role. Never reorder. */
export const TAGS = ['O', ...ROLES.flatMap((r) => [`B-${r}`, `I-${r}`])] as const;

/** What the dialogue is waiting for when the turn arrives: the model reads it as a first token. Never reorder. */
export const CONTEXTS = ['start', 'edited', 'which', 'where', 'value', 'confirm', 'what', 'other'] as const;
/** A dialogue context. */
export type Context = (typeof CONTEXTS)[number];

/** Tag id of a role's B or I tag. */
export function tagId(role: Role | null, begin: boolean): number {
  if (role === null) return 0;
  return 1 + ROLES.indexOf(role) * 2 + (begin ? 0 : 1);
}

/** Role of a tag id and whether it begins a phrase. */
export function tagRole(id: number): { role: Role | null; begin: boolean } {
  if (id <= 0) return { role: null, begin: false };
  return { role: ROLES[Math.floor((id - 1) / 2)]!, begin: (id - 1) % 2 === 0 };
}
