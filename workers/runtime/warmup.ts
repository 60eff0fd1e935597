/** The warm-up turn run on load: it compiles every shader and allocates every buffer before the user's first turn. */
import type { EditRequest } from '../engine.ts';
import type { LoadedPack } from './pack-loader.ts';

/** A white picture and a short instruction at the pack's image size. */
export function warmupRequest(pack: LoadedPack): EditRequest {
  const size = pack.manifest.image_size;
  return { image: new Uint8ClampedArray(size * size * 4).fill(255), size, text: 'make the circle red', state: null };
}
