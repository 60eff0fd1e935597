/**
 * What understanding needs to know about a domain: its attributes and their words, and where objects can be.
 * Understanding reads any domain through this, so a new domain brings a schema and data, not a parser.
 */

/** One attribute of an object (shapes-v1: shape, color, size, texture). */
export interface AttributeSchema {
  name: string;
  values: readonly string[];
  /** Values in order (size: small < medium < large): "bigger", "too small" and superlatives step along it. */
  ordered?: boolean;
  /** The attribute whose words are nouns that head a reference ("the circle"). At most one per domain. */
  noun?: boolean;
  /** The value a new object gets when the user names none (shapes-v1: medium, solid). */
  default?: string;
  /** Words for each value (the spec's own first); plural forms for the noun attribute. */
  words: Readonly<Record<string, readonly string[]>>;
  plurals?: Readonly<Record<string, readonly string[]>>;
  /** Nouns naming the attribute itself ("colour", "size"). */
  nouns: readonly string[];
  /** Comparatives for ordered attributes: one step up / down ("bigger" / "smaller"). */
  more?: readonly string[];
  less?: readonly string[];
  /** Verbs that ask for a step up / down without naming the attribute ("enlarge" / "shrink"). */
  moreVerbs?: readonly string[];
  lessVerbs?: readonly string[];
  /** Superlatives: the largest / smallest value among the matches ("the biggest"). */
  most?: readonly string[];
  least?: readonly string[];
  /** Nouns that mean "has this value" after "with" ("with stripes"). */
  valueNouns?: Readonly<Record<string, readonly string[]>>;
}

/** Words from a lexical resource (src/domains/shapes-v1/synonyms.json for shapes-v1). */
export interface SynonymTable {
  values: Readonly<Record<string, readonly [string, string]>>;
  ambiguous: Readonly<Record<string, readonly [string, readonly string[]]>>;
  unavailable: Readonly<Record<string, string>>;
  textureNouns?: Readonly<Record<string, string>>;
  verbs: Readonly<Record<string, readonly string[]>>;
}

/** A domain as understanding sees it. */
export interface LanguageSchema {
  domain: string;
  attributes: readonly AttributeSchema[];
  /** Objects sit on a grid of cells (row-major); null for a domain with one object (avatars). */
  grid: { rows: number; cols: number } | null;
  synonyms: SynonymTable;
  /** Everyday words that name a value and that the lexical resource lacks ("ball" for circle). */
  colloquial: Readonly<Record<string, readonly [string, string]>>;
}

/** The attribute whose words head references, if any. */
export function nounAttribute(schema: LanguageSchema): AttributeSchema | undefined {
  return schema.attributes.find((a) => a.noun);
}
