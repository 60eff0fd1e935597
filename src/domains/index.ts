/** The domains Parley knows, by the name a scene and a pack's manifest carry. The app and the CLIs pick from here. */
import type { DomainWithDialogue } from '../dialogue/dialogue-domain.ts';
import { AVATARS_V1 } from './avatars-v1/domain.ts';
import { COSAL_V1 } from './cosal-v1/domain.ts';
import { SHAPES_V1 } from './shapes-v1/domain.ts';

export const DOMAINS: readonly DomainWithDialogue[] = [SHAPES_V1, COSAL_V1, AVATARS_V1];

/** The domain with this name, or undefined. */
export function domainNamed(name: string): DomainWithDialogue | undefined {
  return DOMAINS.find((d) => d.name === name);
}
