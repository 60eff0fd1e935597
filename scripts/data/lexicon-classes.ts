/**
 * Writes models/lexicon.json: for every word of the grammar's lexicon, the lexicon entries (synonym sets) it
 * belongs to (lexicon.ts synonym sets and templates.ts frame families). The text encoder adds a learned embedding per entry, so a held-out synonym ("scarlet") shares
 * the meaning of its trained siblings ("red") -- the same knowledge the interpreter uses.
 * Usage: npm run data:lexicon-classes   (rerun when src/domains/shapes-v1/lexicon.ts changes; commit the result)
 */
import { writeFileSync } from 'node:fs';
import * as lexicon from '../../src/domains/shapes-v1/lexicon.ts';
import { FRAMES } from '../../src/domains/shapes-v1/templates.ts';

type LexLike = { both: readonly unknown[]; heldout: readonly unknown[] };
const isLex = (v: unknown): v is LexLike =>
  typeof v === 'object' && v !== null && Array.isArray((v as LexLike).both) && Array.isArray((v as LexLike).heldout);

const classes: string[] = [];
const words: Record<string, number[]> = {};
function add(name: string, l: LexLike): void {
  const id = classes.push(name) - 1;
  for (const phrase of [...l.both, ...l.heldout].flat() as string[]) {
    for (const w of phrase.replace(/\{\w+\}/g, ' ').toLowerCase().match(/[a-z0-9']+/g) ?? []) {
      if (!(words[w] ??= []).includes(id)) words[w]!.push(id);
    }
  }
}
for (const [name, value] of Object.entries({ ...lexicon, FRAMES })) {
  if (isLex(value)) add(name, value);
  else if (Array.isArray(value)) value.forEach((v, i) => isLex(v) && add(`${name}.${i}`, v));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (isLex(v)) add(`${name}.${k}`, v);
  }
}
const path = new URL('../../models/lexicon.json', import.meta.url);
writeFileSync(path, JSON.stringify({ generator: 'scripts/data/lexicon-classes.ts', classes, words }, null, 0) + '\n');
console.log(`lexicon: ${classes.length} classes, ${Object.keys(words).length} words -> ${path.pathname}`);
