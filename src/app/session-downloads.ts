/** The Files menu's work, apart from the app state: picture and session downloads, and reading a session file. */
import { InputError } from '../../workers/errors.ts';
import { exportSession } from '../store/session-file.ts';
import type { SessionStore } from '../store/sessions.ts';
import { nodeLabel } from './filmstrip.ts';
import { download, fileSlug, readText } from './files.ts';
import type { SessionController } from './session-controller.ts';

/** Session files bigger than this are refused before reading. */
export const MAX_SESSION_BYTES = 200 * 1024 * 1024;

/** Downloads the picture on screen as a PNG. */
export async function downloadPicture(c: SessionController): Promise<void> {
  const { session, current } = c.view;
  const blob = await c.pictureBlob(current.id);
  if (!blob) throw new InputError('The picture on screen is missing from storage.');
  download(blob, `${fileSlug(session.title)}-${fileSlug(nodeLabel(current))}.png`);
}

/** Downloads the whole session (pictures, transcript, dialogue state) as one JSON file. */
export async function downloadSession(store: SessionStore, c: SessionController): Promise<void> {
  const { session } = c.view;
  const file = await exportSession(store, session.id);
  download(new Blob([JSON.stringify(file)], { type: 'application/json' }), `${fileSlug(session.title)}.parley.json`);
}

/** The text of a picked session file, refused up front when empty or too large to be one. */
export async function sessionFileText(file: Blob): Promise<string> {
  if (file.size === 0) throw new InputError('That session file is empty (0 bytes).');
  if (file.size > MAX_SESSION_BYTES) throw new InputError(`That session file is too large (${(file.size / 1048576).toFixed(0)} MB; the limit is 200 MB).`);
  return readText(file);
}
