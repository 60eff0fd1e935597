/** Clarifying questions in plain English, naming each candidate by its attributes and cell. */
import { POSITION_NAMES } from './lexicon.ts';
import { objectAt, type Scene } from './scene.ts';

/** "Which one do you mean: the red circle in the top left or the blue circle in the middle?" */
export function clarifyQuestion(scene: Scene, candidates: readonly number[]): string {
  const names = candidates.map((c) => {
    const o = objectAt(scene, c);
    const pos = POSITION_NAMES[c]!.both[0]!;
    return `the ${o.size} ${o.color} ${o.texture === 'solid' ? '' : `${o.texture} `}${o.shape} in the ${pos}`;
  });
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
  return `Which one do you mean: ${list}?`;
}
