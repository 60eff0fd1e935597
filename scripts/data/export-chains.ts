/**
 * Four-turn edit chains for eval.py (each turn is applied to the model's own previous output): a `chains`
 * shard set in the models/SHARDS.md layout. Turns after the first refer back with a pronoun 20% of the time,
 * so the dialogue-state tracker carries the referent between turns.
 * Usage: npm run data:chains -- --out data/chains-heldout --count 500 --seed 3 --split heldout
 * `--canonical P`: that share of turns carries the dialogue layer's canonical instruction instead (what the app
 * sends the model once it has resolved the user's words), so the chain measures the product's path.
 * Fields: src (N,S,S,3) the first image, tokens (N,T,L), tgt (N,T,S,S,3) expected image after each turn,
 * cells (N,T+1,9,4) the scene before the first and after every turn, op (N,T).
 */
import { canonicalInstruction } from '../../src/domains/shapes-v1/dialogue/canonical.ts';
import { decorate } from './shapes-v1/decorate.ts';
import { applyEdit, editFocus, EDIT_OPS } from '../../src/domains/shapes-v1/edits.ts';
import { randomScene } from '../../src/domains/shapes-v1/generate-scene.ts';
import { planEdit, realizePlan } from './shapes-v1/instruct.ts';
import { randomEdit, TARGET_OPS } from './shapes-v1/random-edit.ts';
import { renderSceneInto } from '../../src/domains/shapes-v1/raster.ts';
import { hashString, Rng } from '../../src/domain/rng.ts';
import { encodeCells, IMAGE_SIZE, type Scene } from '../../src/domains/shapes-v1/scene.ts';
import { encode, MAX_LEN } from '../../src/domains/shapes-v1/tokenizer.ts';
import { ShardWriter, vocabSha256 } from './shard-writer.ts';
import { parseCli } from '../lib/cli.ts';

const TURNS = 4;
const values = parseCli({
  usage: 'export-chains --out DIR [--count N] [--seed S] [--split train|heldout] [--typo P] [--canonical P]',
  options: {
    out: { type: 'string' }, count: { type: 'string', default: '500' }, seed: { type: 'string', default: '3' },
    split: { type: 'string', default: 'heldout' }, typo: { type: 'string', default: '0.08' },
    canonical: { type: 'string', default: '0' },
  },
  required: ['out'],
  choices: { split: ['train', 'heldout'] },
});
const split = values.split;
const S = IMAGE_SIZE;
const writer = new ShardWriter(values.out, {
  src: { dtype: 'uint8', shape: [S, S, 3] }, tgt: { dtype: 'uint8', shape: [TURNS, S, S, 3] },
  tokens: { dtype: 'uint16', shape: [TURNS, MAX_LEN] }, cells: { dtype: 'int8', shape: [TURNS + 1, 9, 4] },
  op: { dtype: 'uint8', shape: [TURNS] },
}, { kind: 'chains', turns: TURNS, seed: Number(values.seed), split, canonical: Number(values.canonical), image_size: S, max_len: MAX_LEN, vocab_sha256: vocabSha256(), ops: EDIT_OPS });

const count = Number(values.count);
for (let i = 0; i < count; i++) {
  const rng = new Rng(hashString(`chains:${values.seed}:${split}:${i}`));
  let scene: Scene = randomScene(rng, { minObjects: 3, maxObjects: 7 });
  renderSceneInto(scene, writer.row<Uint8Array>('src'), 0);
  const cells = writer.row<Int8Array>('cells');
  encodeCells(scene, cells, 0);
  let focus: number[] | null = null;
  for (let t = 0; t < TURNS; ) {
    const pronoun = focus !== null && focus.length === 1 && rng.chance(0.2);
    const c = pronoun ? randomEdit(rng, scene, { ops: [...TARGET_OPS, 'move'], target: focus![0]! }) : randomEdit(rng, scene, { plural: 0.1 });
    if (!c) {
      focus = null;
      continue;
    }
    const plan = planEdit(rng, scene, c.edit, c.group ? { target: c.group } : { pronoun });
    const said = decorate(rng, realizePlan(rng, plan, scene, split), split, { typo: Number(values.typo) });
    const canonical = Number(values.canonical) > 0 && rng.chance(Number(values.canonical)); // P = 0: same chains as before
    const text = (canonical && canonicalInstruction(c.edit, scene)) || said;
    scene = applyEdit(scene, c.edit);
    focus = editFocus(c.edit);
    encode(text, MAX_LEN, writer.row<Uint16Array>('tokens'), t * MAX_LEN);
    renderSceneInto(scene, writer.row<Uint8Array>('tgt'), t * S * S * 3);
    encodeCells(scene, cells, (t + 1) * 36);
    writer.row<Uint8Array>('op')[t] = EDIT_OPS.indexOf(c.edit.op);
    t++;
  }
  writer.commit();
}
writer.finish();
console.log(`chains/${split}: ${count} x ${TURNS} turns -> ${values.out}`);
