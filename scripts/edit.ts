/**
 * Edits a picture turn by turn from the command line, with the same dialogue layer and engine as the app (WASM).
 * Usage: npm run edit -- --image in.png --say "make the circle red" --say "now make it bigger" [--out out/] [--pack DIR]
 * Writes <out>/turn-<n>.png after each turn and prints the system's reply.
 */
import { join } from 'node:path';
import { Conversation, memoryNodes } from '../src/conversation/conversation.ts';
import { fail, packDir, parseCli, readPng, writePng } from './lib/cli.ts';
import { packDomain } from './lib/domains.ts';
import { nodeEngine } from './lib/node-engine.ts';
import { toSquare } from './lib/resample.ts';

const values = parseCli({ usage: 'edit --image in.png --say "make the circle red" [--say ...] [--out DIR] [--pack DIR]',
  options: {
    image: { type: 'string' }, say: { type: 'string', multiple: true }, out: { type: 'string', default: 'edit-out' },
    pack: { type: 'string' },
  },
});
const says = values.say ?? [];
if (says.length === 0) fail('give at least one --say "instruction"');
if (says.some((s) => !s.trim())) fail('an empty --say was given; every turn needs some text');
const source = readPng(values.image);
const pack = packDir('shapes-v1', values.pack);
const engine = await nodeEngine(pack);
const size = (await engine.info()).imageSize!;
const conversation = await Conversation.start(packDomain(pack), engine, memoryNodes(), toSquare(source, size), size).catch((e: Error) =>
  fail(`${values.image}: ${e.message}`),
);
const objects = conversation.dialogue.current.scene.cells.filter(Boolean).length;
console.log(`The recognizer sees ${objects} object(s) in ${values.image}.`);
for (const [n, text] of says.entries()) {
  const turn = await conversation.say(text);
  const file = join(values.out, `turn-${n + 1}.png`);
  writePng(file, turn.shown.image, size);
  const ms = turn.results.reduce((s, r) => s + (r.timings.total ?? 0), 0);
  console.log(`> ${text}\n  ${turn.dialogue.reply}  [${turn.dialogue.kind}${turn.results.length ? `, ${ms.toFixed(0)} ms` : ''}] -> ${file}`);
}
await engine.dispose();
