/**
 * Builds shapes-v1's synonym table from WordNet 3.0 (Debian wordnet-base): words people use for the domain's values, and verbs for the paraphrase generator.
 * Usage: tsx scripts/understanding/build-synonyms.ts [--out src/domains/shapes-v1/synonyms.json] [--wordnet DIR]
 * Why: synonyms come from a kept lexical resource, not typed by hand (issue 23); the output is committed,
 * and a test rebuilds it where WordNet is installed.
 */
import { writeFileSync } from 'node:fs';
import { WordNet, type Pos } from './wordnet.ts';
import { parseCli } from '../lib/cli.ts';

const args = parseCli({ usage: 'build-synonyms [--out FILE] [--wordnet DIR]', options: { out: { type: 'string', default: 'src/domains/shapes-v1/synonyms.json' }, wordnet: { type: 'string' } } });
const wn = new WordNet(args.wordnet);

type Source = { pos: Pos; offset: string; hyponyms?: number; similar?: boolean };
/** Domain values and the WordNet synsets (offsets in WordNet 3.0) whose lemmas name them. */
const VALUES: Record<string, Record<string, Source[]>> = {
  color: {
    red: [{ pos: 'noun', offset: '04962784', hyponyms: 6 }, { pos: 'adj', offset: '00381097' }],
    orange: [{ pos: 'noun', offset: '04965179', hyponyms: 6 }, { pos: 'adj', offset: '00378892' }],
    yellow: [{ pos: 'noun', offset: '04965661', hyponyms: 6 }, { pos: 'adj', offset: '00385756' }],
    green: [{ pos: 'noun', offset: '04967191', hyponyms: 6 }, { pos: 'adj', offset: '00375969' }],
    blue: [{ pos: 'noun', offset: '04968895', hyponyms: 6 }, { pos: 'adj', offset: '00370869' }],
    purple: [{ pos: 'noun', offset: '04970059', hyponyms: 6 }, { pos: 'adj', offset: '00380312' }],
    pink: [{ pos: 'noun', offset: '04970916', hyponyms: 6 }, { pos: 'adj', offset: '00379595' }],
    gray: [{ pos: 'noun', offset: '04961691', hyponyms: 6 }, { pos: 'adj', offset: '00389310' }],
  },
  shape: {
    circle: [{ pos: 'noun', offset: '13873502' }, { pos: 'noun', offset: '13873917' }],
    square: [{ pos: 'noun', offset: '13878634' }],
    triangle: [{ pos: 'noun', offset: '13879320' }],
    diamond: [{ pos: 'noun', offset: '13882961' }],
    star: [{ pos: 'noun', offset: '13881644' }],
    hexagon: [{ pos: 'noun', offset: '13882276' }],
    cross: [{ pos: 'noun', offset: '04681387' }],
    heart: [{ pos: 'noun', offset: '13865904' }],
  },
  size: {
    small: [{ pos: 'adj', offset: '01391351', similar: true }],
    medium: [{ pos: 'adj', offset: '01531957' }],
    large: [{ pos: 'adj', offset: '01382086', similar: true }],
  },
  texture: {
    solid: [{ pos: 'adj', offset: '01785907', similar: true }],
    striped: [{ pos: 'adj', offset: '01790808' }],
    dotted: [{ pos: 'adj', offset: '01788446' }, { pos: 'adj', offset: '01789482' }],
  },
};
/** Lemmas WordNet lists under those synsets that mislead in this domain (another sense is the common one). */
const DENY = new Set(['mark', 'redness', 'orangeness', 'yellowness', 'greenness', 'blueness', 'purpleness', 'grayness', 'greyness',
  'viridity', 'greenishness', 'wine', 'straw', 'wheat', 'maize', 'canary', 'cardinal', 'sanguine', 'chromatic', 'average', 'intermediate', 'patched', 'specked', 'deep', 'double', 'broad', 'wide', 'spacious',
  'bad', 'heavy', 'full', 'great', 'grand', 'high', 'lesser', 'minor', 'modest', 'slender', 'slim', 'atomic', 'subatomic',
  'cosmic', 'galactic', 'astronomic', 'astronomical', 'foursquare', 'crisscross', 'trilateral', 'trigon', 'rhomb', 'iron blue',
  'band', 'banding', 'point', 'bone', 'chalk', 'pearl', 'bleach', 'frostiness', 'hoariness', 'buff', 'coffee', 'chocolate', 'hazel', 'mocha', 'sable', 'reddish blue', 'purplish red', 'purplish-red', 'orange red', 'orange yellow', 'greenish yellow', 'yellow green',
  'yellowish green', 'bluish green', 'blue green', 'greenish blue', 'purplish blue', 'reddish purple', 'ash grey', 'ash gray']);
/** Colour names outside the palette (WordNet noun synsets with their hyponyms). */
const UNAVAILABLE: Record<string, string> = { brown: '04971928', white: '04960729', black: '04960277', beige: '04973291' };
/** Texture nouns ("with stripes", "polka dots"). */
const TEXTURE_NOUNS: Record<string, string[]> = { striped: ['02784732'], dotted: ['03978300', '13911872'] };
/** Verbs of each operation for the paraphrase generator (WordNet verb synsets). */
const VERBS: Record<string, string[]> = {
  grow: ['00154778', '00240293'],
  shrink: ['00241038', '00240571'],
  remove: ['00173338', '02224073', '01549205', '01548736'],
  move: ['01850333'],
  swap: ['02259023'],
  change: ['00126264'],
  color: ['00283911'],
  put: ['01494328'],
};

const words = new Map<string, Set<string>>();
function note(word: string, key: string): void {
  if (DENY.has(word) || !/^[a-z][a-z' -]*$/.test(word)) return;
  const w = word.replace(/-/g, ' ');
  if (!words.has(w)) words.set(w, new Set());
  words.get(w)!.add(key);
}
for (const [attr, vals] of Object.entries(VALUES)) {
  for (const [value, sources] of Object.entries(vals)) {
    for (const s of sources) {
      const syn = wn.synset(s.pos, s.offset);
      const all = [syn, ...(s.hyponyms ? wn.related(syn, '~', s.hyponyms) : []), ...(s.similar ? wn.related(syn, '&', 1) : [])];
      for (const x of all) for (const l of x.lemmas) note(l, `${attr}:${value}`);
    }
  }
}

const values: Record<string, [string, string]> = {};
const ambiguous: Record<string, [string, string[]]> = {};
for (const [w, keys] of [...words].sort(([a], [b]) => a.localeCompare(b))) {
  const ks = [...keys];
  const attr = ks[0]!.split(':')[0]!;
  if (ks.length === 1) values[w] = [attr, ks[0]!.split(':')[1]!];
  else if (ks.every((k) => k.startsWith(`${attr}:`))) ambiguous[w] = [attr, ks.map((k) => k.split(':')[1]!)];
}
// Colours people name that the palette lacks: Parley says so instead of picking the nearest.
const unavailable: Record<string, string> = {};
for (const [name, offset] of Object.entries(UNAVAILABLE)) {
  const syn = wn.synset('noun', offset);
  for (const x of [syn, ...wn.related(syn, '~', 2)]) {
    for (const l of x.lemmas) if (!DENY.has(l) && !values[l] && /^[a-z ]+$/.test(l)) unavailable[l] = name;
  }
}
const verbs: Record<string, string[]> = {};
for (const [op, offsets] of Object.entries(VERBS)) {
  verbs[op] = [...new Set(offsets.flatMap((o) => wn.synset('verb', o).lemmas))].filter((l) => !DENY.has(l)).sort();
}
const nouns: Record<string, string> = {};
for (const [value, offsets] of Object.entries(TEXTURE_NOUNS)) {
  for (const o of offsets) for (const l of wn.synset('noun', o).lemmas) if (!DENY.has(l)) nouns[l] = value;
}
const out = {
  notice: 'Extracted from WordNet 3.0, Copyright 2006 by Princeton University (WordNet 3.0 license; see README). ' +
    'Rebuild: npm run data:synonyms.',
  values, ambiguous, unavailable, textureNouns: nouns, verbs,
};
writeFileSync(args.out, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${Object.keys(values).length} words, ${Object.keys(ambiguous).length} ambiguous, ${Object.keys(unavailable).length} unavailable -> ${args.out}`);
