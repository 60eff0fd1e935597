import { describe, expect, it } from 'vitest';
import { anySceneProblem, domainOfScenes, packDomain } from '../../../scripts/lib/domains.ts';
import { COSAL_V1 } from '../../../src/domains/cosal-v1/domain.ts';
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';

describe('how the CLIs find a domain', () => {
  it('takes a pack\'s domain from its manifest, and refuses a folder without one', () => {
    expect(packDomain('models/packs/shapes-v1')).toBe(SHAPES_V1);
    expect(packDomain('models/packs/cosal-v1')).toBe(COSAL_V1);
    expect(() => packDomain('test')).toThrow(/test: no manifest.json/);
  });

  it('checks a scene with the domain it names', () => {
    expect(anySceneProblem(SHAPES_V1.randomScene(1))).toBeNull();
    expect(anySceneProblem(COSAL_V1.randomScene(1))).toBeNull();
    expect(anySceneProblem({ ...SHAPES_V1.emptyScene(), cells: [] })).toMatch(/cells must be an array of 9/);
    expect(anySceneProblem({ domain: 'nope', cells: [] }, 'x')).toBe('x.domain must be one of "shapes-v1", "cosal-v1", "avatars-v1" (got "nope")');
  });

  it('reads the one domain a file\'s scenes name', () => {
    expect(domainOfScenes([SHAPES_V1.randomScene(1), SHAPES_V1.randomScene(2)])).toBe(SHAPES_V1);
    expect(() => domainOfScenes([SHAPES_V1.randomScene(1), COSAL_V1.randomScene(1)])).toThrow(/several domains \(shapes-v1, cosal-v1\)/);
    expect(() => domainOfScenes([])).toThrow(/no domain/);
    expect(() => domainOfScenes([{ domain: 'avatars-v0' }])).toThrow(/does not know the domain "avatars-v0"/);
  });
});
