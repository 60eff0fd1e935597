/**
 * Updates src/domains/shapes-v1/vocab.json from the grammar and CoSaL word lists.
 * Usage: npm run data:vocab
 * Append-only: existing ids never change (shards and trained embeddings stay valid); new words are added
 * at the end in sorted order, and words no longer used keep their ids. Commit the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { COSAL_WORDS } from '../../src/domains/cosal-v1/cosal.ts';
import { grammarWords } from './shapes-v1/grammar-words.ts';

const path = new URL('../../src/domains/shapes-v1/vocab.json', import.meta.url);
const current: string[] = JSON.parse(readFileSync(path, 'utf8'));
if (current[0] !== '<pad>' || current[1] !== '<unk>') throw new Error('vocab.json must start with <pad>, <unk>');
const known = new Set(current);
const added = [...grammarWords(COSAL_WORDS)].filter((w) => !known.has(w)).sort();
const list = [...current, ...added];
writeFileSync(path, `[\n${list.map((w) => JSON.stringify(w)).join(',\n')}\n]\n`);
console.log(`vocab: ${list.length} entries (${added.length} added${added.length ? `: ${added.join(' ')}` : ''}) -> ${path.pathname}`);
