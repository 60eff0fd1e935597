/** The six-object scene several dialogue and grammar tests reason about. */
import { emptyScene, type Scene } from '../../../../src/domains/shapes-v1/scene.ts';

// 0 red circle | 1 blue striped large square | 2 -
// 3 red dotted small square | 4 green star | 5 -
// 6 yellow large heart | 7 - | 8 blue small circle
export function sixObjects(): Scene {
  const s = emptyScene();
  s.cells[0] = { shape: 'circle', color: 'red', size: 'medium', texture: 'solid' };
  s.cells[1] = { shape: 'square', color: 'blue', size: 'large', texture: 'striped' };
  s.cells[3] = { shape: 'square', color: 'red', size: 'small', texture: 'dotted' };
  s.cells[4] = { shape: 'star', color: 'green', size: 'medium', texture: 'solid' };
  s.cells[6] = { shape: 'heart', color: 'yellow', size: 'large', texture: 'solid' };
  s.cells[8] = { shape: 'circle', color: 'blue', size: 'small', texture: 'solid' };
  return s;
}
