/**
 * Rebuilds src/domain/vocab.json from the grammar and CoSaL word lists.
 * Usage: npm run data:vocab   (ids are sorted words after <pad>=0 and <unk>=1; commit the result)
 */
import { writeFileSync } from 'node:fs';
import { COSAL_WORDS } from '../src/domain/cosal.ts';
import { grammarWords } from '../src/domain/grammar-words.ts';

const list = ['<pad>', '<unk>', ...[...grammarWords(COSAL_WORDS)].sort()];
const path = new URL('../src/domain/vocab.json', import.meta.url);
writeFileSync(path, `[\n${list.map((w) => JSON.stringify(w)).join(',\n')}\n]\n`);
console.log(`vocab: ${list.length} entries -> ${path.pathname}`);
