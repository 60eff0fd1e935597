/**
 * Tagged phrases and a small template language for the paraphrase generator: "[make|turn] {T} {V}" expands
 * alternatives in brackets ("[a|]" is optional) and fills slots with tagged phrases.
 */
import type { Rng } from '../../../src/domain/rng.ts';
import type { Role } from '../../../src/understanding/tags.ts';

/** One generated word with its role (null = O) and whether it begins its phrase. */
export interface Tok {
  w: string;
  role: Role | null;
  begin: boolean;
}
/** A tagged phrase. */
export type Phrase = Tok[];

/** Untagged words. */
export function words(text: string): Phrase {
  return text.split(' ').filter(Boolean).map((w) => ({ w, role: null, begin: false }));
}

/** Tags a phrase with a role (first word begins it). */
export function tagged(role: Role, p: Phrase): Phrase {
  return p.map((t, i) => ({ w: t.w, role, begin: i === 0 }));
}

/** Slot fillers by slot name (T, T2, V, C, D, S); each returns a fresh phrase (already tagged). */
export type Fillers = Partial<Record<string, () => Phrase>>;

/** Expands "[a|b|]" alternatives (nested allowed) into one string. */
export function expand(rng: Rng, template: string): string {
  let s = template;
  for (let guard = 0; s.includes('[') && guard < 100; guard++) {
    s = s.replace(/\[([^[\]]*)\]/, (_, body: string) => rng.pick(body.split('|')));
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** Fills a template's slots; throws when a slot has no filler (a template bug). */
export function fill(rng: Rng, template: string, fillers: Fillers): Phrase {
  const out: Phrase = [];
  for (const part of expand(rng, template).split(/(\{[A-Z0-9]+\})/)) {
    const slot = /^\{([A-Z0-9]+)\}$/.exec(part);
    if (!slot) {
      out.push(...words(part));
      continue;
    }
    const f = fillers[slot[1]!];
    if (!f) throw new Error(`template "${template}" needs a filler for {${slot[1]}}`);
    out.push(...f());
  }
  return out;
}

/** The slots a template uses. */
export function slotsOf(template: string): Set<string> {
  return new Set([...template.matchAll(/\{([A-Z0-9]+)\}/g)].map((m) => m[1]!));
}
