/** packModel: the manifest's stop_threshold and use_termination become the fusion stop rule, validated on the way. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../scripts/lib/file-source.ts';
import { PackError } from '../../../workers/errors.ts';
import { loadPack, type LoadedPack } from '../../../workers/runtime/pack-loader.ts';
import { packModel } from '../../../workers/runtime/pack-model.ts';

const PACK = join(__dirname, '../../fixtures/models/tiny-fp32');
let pack: LoadedPack;

/** The pack with its manifest config changed (`undefined` removes a key). */
function withConfig(change: Record<string, unknown>): LoadedPack {
  const config: Record<string, unknown> = { ...pack.manifest.config, ...change };
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete config[k];
  return { ...pack, manifest: { ...pack.manifest, config: config as LoadedPack['manifest']['config'] } };
}

describe('packModel stop rule', () => {
  beforeAll(async () => {
    pack = await loadPack(fileSource(PACK));
  });

  it("reads the manifest's stop_threshold and use_termination", () => {
    expect(packModel(pack).stop).toEqual({ adaptive: true, threshold: 0.5 });
    expect(packModel(withConfig({ stop_threshold: 0.3 })).stop).toEqual({ adaptive: true, threshold: 0.3 });
    expect(packModel(withConfig({ use_termination: false, stop_threshold: 0.8 })).stop).toEqual({ adaptive: false, threshold: 0.8 });
  });

  it.each([[0], [1], [-0.2], [1.5], ['0.5'], [null], [true]])('rejects stop_threshold %j', (value) => {
    const load = () => packModel(withConfig({ stop_threshold: value }));
    expect(load).toThrow(PackError);
    expect(load).toThrow(`manifest config.stop_threshold must be a number between 0 and 1, exclusive (got ${JSON.stringify(value)})`);
  });

  it('rejects a manifest without stop_threshold', () => {
    expect(() => packModel(withConfig({ stop_threshold: undefined }))).toThrow(/stop_threshold .*\(it is missing\)/);
  });
});
