/** shapes-v1 (spec/shapes-v1.md): coloured shapes on a white 3x3 grid, as one Domain value. */
import type { DialogueDomain } from '../../dialogue/dialogue-domain.ts';
import type { Domain } from '../../domain/domain.ts';
import { CELL_NAMES } from './cell-names.ts';
import { SHAPES_DIALOGUE } from './dialogue/dialogue.ts';
import type { Edit } from './edits.ts';
import { EXAMPLES, randomStart } from './examples.ts';
import { SHAPES_LANGUAGE } from './language.ts';
import { renderSceneRgba } from './raster.ts';
import { judgeReading } from './judge-reading.ts';
import { readScene } from './recognition.ts';
import { DOMAIN, IMAGE_SIZE, emptyScene, type Scene } from './scene.ts';
import { renderSvg } from './svg.ts';
import { sceneProblem } from './validate.ts';

export const SHAPES_V1: Domain<Scene, DialogueDomain<Edit>> = {
  name: DOMAIN,
  imageSize: IMAGE_SIZE,
  language: SHAPES_LANGUAGE,
  cellNames: CELL_NAMES,
  emptyScene,
  sceneProblem,
  renderRgba: renderSceneRgba,
  renderSvg: (scene) => renderSvg(scene),
  readScene,
  judgeReading,
  randomScene: randomStart,
  examples: EXAMPLES,
  words: {
    picture: 'scene',
    kind: 'simple coloured shapes on a white 3x3 grid (like the examples)',
    startHint: 'Start from a random scene, an example, or a picture of your own; then say what to change.',
  },
  dialogue: SHAPES_DIALOGUE,
};
