/**
 * A small reader for Princeton WordNet 3.0 database files (Debian's wordnet-base, /usr/share/wordnet):
 * synsets by offset, senses of a lemma, synonyms, hyponyms and similar-to adjectives.
 * Used at data-build time only; what it extracts is committed (src/domains/shapes-v1/synonyms.json) with WordNet's notice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Part of speech as WordNet files name it. */
export type Pos = 'noun' | 'verb' | 'adj' | 'adv';
/** One synset: its lemmas (spaces for underscores, lowercase), pointers and gloss. */
export interface Synset {
  pos: Pos;
  offset: string;
  lemmas: string[];
  pointers: { symbol: string; offset: string; pos: Pos }[];
  gloss: string;
}

const POS_OF: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** The WordNet database in one folder, parsed lazily per part of speech. */
export class WordNet {
  private readonly data = new Map<Pos, Map<string, Synset>>();
  private readonly index = new Map<Pos, Map<string, string[]>>();

  constructor(readonly dir = '/usr/share/wordnet') {}

  /** The synset at an offset. */
  synset(pos: Pos, offset: string): Synset {
    const s = this.dataOf(pos).get(offset);
    if (!s) throw new RangeError(`no ${pos} synset ${offset} in ${this.dir}`);
    return s;
  }

  /** Synsets of a lemma in sense order (most frequent first). */
  senses(pos: Pos, lemma: string): Synset[] {
    const offsets = this.indexOf(pos).get(lemma.replace(/ /g, '_').toLowerCase()) ?? [];
    return offsets.map((o) => this.synset(pos, o));
  }

  /** Synsets reachable by a pointer symbol, down to `depth` levels ('~' hyponym, '&' similar to). */
  related(s: Synset, symbol: string, depth: number): Synset[] {
    const out: Synset[] = [];
    let frontier = [s];
    for (let d = 0; d < depth; d++) {
      frontier = frontier.flatMap((x) => x.pointers.filter((p) => p.symbol === symbol).map((p) => this.synset(p.pos, p.offset)));
      out.push(...frontier);
    }
    return out;
  }

  private dataOf(pos: Pos): Map<string, Synset> {
    let m = this.data.get(pos);
    if (m) return m;
    m = new Map();
    for (const line of readFileSync(join(this.dir, `data.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue;
      const [head, gloss = ''] = line.split(' | ');
      const f = head!.trim().split(' ');
      const n = parseInt(f[3]!, 16);
      const lemmas = Array.from({ length: n }, (_, i) => f[4 + 2 * i]!.replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
      let k = 4 + 2 * n;
      const pc = Number(f[k++]);
      const pointers = Array.from({ length: pc }, (_, i) => ({ symbol: f[k + 4 * i]!, offset: f[k + 4 * i + 1]!, pos: POS_OF[f[k + 4 * i + 2]!]! }));
      m.set(f[0]!, { pos, offset: f[0]!, lemmas, pointers, gloss: gloss.trim() });
    }
    this.data.set(pos, m);
    return m;
  }

  private indexOf(pos: Pos): Map<string, string[]> {
    let m = this.index.get(pos);
    if (m) return m;
    m = new Map();
    for (const line of readFileSync(join(this.dir, `index.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue;
      const f = line.trim().split(' ');
      const senses = Number(f[2]);
      m.set(f[0]!, f.slice(f.length - senses));
    }
    this.index.set(pos, m);
    return m;
  }
}
