/** Starting pictures: curated example scenes and random ones, rendered like any picture the user brings. */
import { randomScene } from './generate-scene.ts';
import type { Example as CoreExample } from '../../domain/domain.ts';
import { Rng } from '../../domain/rng.ts';
import { emptyScene, type Scene, type SceneObject } from './scene.ts';

/** A built-in shapes-v1 example with a title for the picker. */
export type Example = CoreExample<Scene>;

const o = (shape: SceneObject['shape'], color: SceneObject['color'], size: SceneObject['size'] = 'medium', texture: SceneObject['texture'] = 'solid'): SceneObject =>
  ({ shape, color, size, texture });

function scene(cells: Record<number, SceneObject>): Scene {
  const s = emptyScene();
  for (const [cell, obj] of Object.entries(cells)) s.cells[Number(cell)] = obj;
  return s;
}

/** Curated scenes: each invites a different kind of turn (a clarifying question, relations, textures). */
export const EXAMPLES: readonly Example[] = [
  // Two squares: "make the square green" makes Parley ask which one.
  { id: 'two-squares', title: 'Two squares', scene: scene({ 0: o('square', 'red'), 2: o('square', 'blue'), 4: o('circle', 'yellow'), 6: o('triangle', 'green', 'small') }) },
  { id: 'neighbours', title: 'Neighbours', scene: scene({ 1: o('star', 'orange', 'large'), 3: o('heart', 'pink'), 4: o('hexagon', 'gray', 'small'), 5: o('diamond', 'purple'), 7: o('cross', 'blue') }) },
  { id: 'patterns', title: 'Patterns', scene: scene({ 0: o('circle', 'green', 'large', 'striped'), 4: o('square', 'orange', 'medium', 'dotted'), 8: o('heart', 'red', 'large') }) },
  { id: 'lonely-star', title: 'A lonely star', scene: scene({ 4: o('star', 'yellow', 'large') }) },
];

/** A random scene from a seed (3 to 6 objects, so there is something to talk about and room to add). */
export function randomStart(seed: number): Scene {
  return randomScene(new Rng(seed), { minObjects: 3, maxObjects: 6 });
}
