/**
 * Writes the understanding model's training data: tagged paraphrases, normalized exactly as the app
 * normalizes a turn, as JSONL (words, BIO tag ids, clause op ids, clause starts, context id), plus the
 * word list the spelling corrector knows.
 * Usage: tsx scripts/understanding/export-understanding.ts --out data/understanding-train.jsonl --count 200000 --seed 1
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { SHAPES_LANGUAGE } from '../../src/domains/shapes-v1/language.ts';
import { Rng } from '../../src/domain/rng.ts';
import { englishWords } from '../../src/understanding/english-words.ts';
import { Lexicon } from '../../src/understanding/lexicon.ts';
import { SpellingCorrector } from '../../src/understanding/spelling.ts';
import { CONTEXTS, OPS, tagId } from '../../src/understanding/tags.ts';
import { normalize } from '../../src/understanding/text.ts';
import { compose } from './paraphrase/compose.ts';
import { Words } from './paraphrase/slots.ts';
import { fail, parseCli } from '../lib/cli.ts';

const values = parseCli({ usage: 'export-understanding --out FILE.jsonl [--count N] [--seed S] [--words FILE]',
  options: { out: { type: 'string' }, count: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' },
    words: { type: 'string' } },
});
if (!values.out) fail('missing --out FILE');
const ws = new Words(SHAPES_LANGUAGE);
const lex = new Lexicon(SHAPES_LANGUAGE);

// The corrector knows the lexicon and every word the templates write (as the app's knows the model's vocabulary).
const known = lex.words();
const probe = new Rng(`vocab-${values.seed}`);
for (let i = 0; i < 200000; i++) for (const t of compose(probe, ws, false).tokens) for (const w of t.w.split(' ')) if (/^[a-z0-9']+$/.test(w)) known.add(w);
const corrector = new SpellingCorrector(known, lex.valueWords(), englishWords());
if (values.words) writeFileSync(values.words, `${JSON.stringify([...known].sort())}\n`);

const rng = new Rng(Number(values.seed));
const out = createWriteStream(values.out);
const count = Number(values.count);
let tokens = 0;
for (let i = 0; i < count; i++) {
  const ex = compose(rng, ws);
  const w: string[] = [];
  const t: number[] = [];
  const o: number[] = [];
  const s: number[] = [];
  for (const tok of ex.tokens) {
    const u = normalize(tok.w, corrector).words;
    u.forEach((x, k) => {
      w.push(x);
      t.push(tagId(tok.role, tok.begin && k === 0));
      o.push(OPS.indexOf(tok.op));
      s.push(tok.start && k === 0 ? 1 : 0);
    });
  }
  if (w.length === 0) continue;
  s[0] = 1;
  tokens += w.length;
  out.write(`${JSON.stringify({ w, t, o, s, c: CONTEXTS.indexOf(ex.context) })}\n`);
}
out.end();
console.log(`understanding: ${count} utterances, ${tokens} words -> ${values.out}`);
