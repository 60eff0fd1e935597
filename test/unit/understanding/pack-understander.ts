/** The committed shapes-v1 pack's understander (its tagger on ORT-WASM), shared by the tests that talk to Parley. */
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';
import { nodeUnderstander } from '../../../scripts/lib/node-understander.ts';
import type { Understander } from '../../../src/understanding/understander.ts';

let cached: Promise<Understander> | null = null;

/** The understander of models/packs/shapes-v1, loaded once per test file. */
export function packUnderstander(): Promise<Understander> {
  cached ??= nodeUnderstander('models/packs/shapes-v1', SHAPES_V1).then((u) => u.understander);
  return cached;
}
