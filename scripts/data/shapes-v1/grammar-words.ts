/** Every word the grammar can produce or the interpreter understands: the source of vocab.json. */
import * as lexicon from '../../../src/domains/shapes-v1/lexicon.ts';
import { FRAMES } from '../../../src/domains/shapes-v1/templates.ts';
import { words } from '../../../src/domains/shapes-v1/tokenizer.ts';

/** Words the realizer, normalizer and chunker use outside the lexicon tables. */
export const EXTRA_WORDS: readonly string[] = `the a an all of every each both two that which is are with in at on to into side
  cell spot corner same as and then also one more another actually well oh sorry i mean meant no it`.split(/\s+/);

function collect(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') for (const w of words(v.replace(/\{\w+\}/g, ' '))) out.add(w);
  else if (Array.isArray(v)) v.forEach((x) => collect(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => collect(x, out));
}

/** Words of the shapes-v1 instruction grammar, plus any extra word lists (CoSaL's). */
export function grammarWords(...extra: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  collect(Object.values(lexicon), out);
  collect(FRAMES, out);
  collect(EXTRA_WORDS, out);
  collect(extra, out);
  return out;
}

/** Words only held-out phrasings use: a train or canonical instruction containing one leaks the held-out split. */
export function heldoutOnlyWords(): Set<string> {
  const both = new Set<string>();
  const held = new Set<string>();
  const visit = (v: unknown, into: Set<string>): void => {
    if (typeof v === 'string') for (const w of words(v.replace(/\{\w+\}/g, ' '))) into.add(w);
    else if (Array.isArray(v)) v.forEach((x) => visit(x, into));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('both' in o && 'heldout' in o) [visit(o.both, both), visit(o.heldout, held)];
      else Object.values(o).forEach((x) => visit(x, into));
    }
  };
  visit(Object.values(lexicon), both);
  visit(FRAMES, both);
  visit(EXTRA_WORDS, both); // the realizer's own words ("in", "the", "all")
  return new Set([...held].filter((w) => !both.has(w)));
}
