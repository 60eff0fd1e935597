/** A user at the app for the dialogue tests: the pack's understander and a DialogueManager over a test scene. */
import { DialogueManager, type DialogueTurn } from '../../../src/dialogue/manager.ts';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { cloneScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';
import type { Understander } from '../../../src/understanding/understander.ts';
import { sixObjects } from '../domains/shapes-v1/six-objects.ts';
import { packUnderstander } from '../understanding/pack-understander.ts';

const u = await packUnderstander();

/** The understander the chats read with. */
export function chatUnderstander(): Understander {
  return u;
}

/** Each turn sees what the previous one left on screen (a perfect model and recognizer). */
export class Chat {
  screen: Scene;
  constructor(readonly m = new DialogueManager(sixObjects(), u.lexicon, SHAPES_DIALOGUE), start: Scene = sixObjects()) {
    this.screen = cloneScene(start);
  }

  /** A chat over any starting scene. */
  static over(start: Scene): Chat {
    return new Chat(new DialogueManager(cloneScene(start), u.lexicon, SHAPES_DIALOGUE), start);
  }

  async say(text: string, confidence?: number[]): Promise<DialogueTurn> {
    const r = this.m.turn(await u.read(text, this.m.context), this.screen, confidence ? { confidence } : {});
    if (r.kind !== 'confirm') this.screen = cloneScene(r.scene as Scene);
    return r;
  }
}
