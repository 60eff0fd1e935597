/**
 * Builds the list of common English words the spelling corrector must leave alone: every WordNet 3.0 lemma that
 * occurs in its sense-tagged corpus (cntlist.rev), with its regular and irregular inflections.
 * Usage: tsx scripts/understanding/build-english-words.ts [--out src/understanding/english-words.json] [--wordnet DIR]
 * Why: a word the lexicon lacks is not a typo when it is English ("cover the square in spots" became "over the
 * square ...", "across" became "cross"); correcting it is a guess, and a guess can become a wrong edit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from '../lib/cli.ts';

const args = parseCli({
  usage: 'build-english-words [--out FILE] [--wordnet DIR]',
  options: { out: { type: 'string', default: 'src/understanding/english-words.json' }, wordnet: { type: 'string', default: '/usr/share/wordnet' } },
});
const read = (file: string) => readFileSync(join(args.wordnet!, file), 'utf8').split('\n').filter(Boolean);

/** Parts of speech per lemma, from the sense keys' ss_type (1 noun, 2 verb, 3 and 5 adjective, 4 adverb). */
const pos = new Map<string, Set<string>>();
for (const line of read('cntlist.rev')) {
  const key = line.split(' ')[0]!;
  const [lemma, sense] = key.split('%');
  if (!lemma || !sense || !/^[a-z]+$/.test(lemma)) continue;
  const p = { 1: 'noun', 2: 'verb', 3: 'adj', 4: 'adv', 5: 'adj' }[sense[0]!] ?? 'adv';
  (pos.get(lemma) ?? pos.set(lemma, new Set()).get(lemma)!).add(p);
}

const VOWEL = /[aeiou]/;
/** Short consonant-vowel-consonant words double their last letter ("stop" -> "stopped", "big" -> "bigger"). */
const doubles = (w: string) => w.length <= 4 && /[^aeiou][aeiou][^aeiouwxy]$/.test(w);
const plural = (w: string) => (/(s|x|z|ch|sh)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`);
function suffixed(w: string, suffix: 'ed' | 'ing' | 'er' | 'est'): string {
  if (/[^aeiou]y$/.test(w) && suffix !== 'ing') return `${w.slice(0, -1)}i${suffix}`;
  if (suffix === 'ing' && w.endsWith('ie')) return `${w.slice(0, -2)}ying`;
  if (w.endsWith('e') && !/(ee|ye|oe)$/.test(w)) return suffix === 'ing' ? `${w.slice(0, -1)}ing` : `${w}${suffix.slice(1)}`;
  if (w.endsWith('ee') && suffix !== 'ing') return `${w}${suffix.slice(1)}`;
  return doubles(w) && VOWEL.test(w) ? `${w}${w.at(-1)}${suffix}` : `${w}${suffix}`;
}

const words = new Set<string>();
for (const [w, ps] of pos) {
  words.add(w);
  if (ps.has('noun')) words.add(plural(w));
  if (ps.has('verb')) for (const f of [plural(w), suffixed(w, 'ed'), suffixed(w, 'ing')]) words.add(f);
  if (ps.has('adj') && w.length <= 6) for (const f of [suffixed(w, 'er'), suffixed(w, 'est')]) words.add(f);
}
for (const file of ['noun.exc', 'verb.exc', 'adj.exc']) {
  for (const line of read(file)) {
    const [form, base] = line.split(' ');
    if (form && base && /^[a-z]+$/.test(form) && pos.has(base)) words.add(form);
  }
}
const out = {
  notice: 'Common English words (lemmas of the sense-tagged corpus and their inflections), from WordNet 3.0, Copyright 2006 by ' +
    'Princeton University (WordNet 3.0 license; see README). Rebuild: npm run data:english-words.',
  words: [...words].sort().join(' '),
};
writeFileSync(args.out!, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${words.size} words -> ${args.out}`);
