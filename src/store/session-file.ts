/** A whole session as one JSON file (transcript, dialogue state, node pictures as PNG data URLs): export and import. */
import type { DialogueState } from '../dialogue/index.ts';
import type { Recognition } from '../domain/domain.ts';
import type { Scene } from '../domain/scene.ts';
import type { BackendKind } from '../../workers/engine.ts';
import { PNG_PREFIX, SESSION_FORMAT, checkSessionFile, type SessionExpectations } from './session-file-check.ts';
import { newId, type NodeRecord, type Session, type SessionStore, type Turn } from './sessions.ts';

export { SESSION_FORMAT };

/** A transcript entry as exported (ids are re-made on import). */
export type TurnFile = Pick<Turn, 'seq' | 'action' | 'user' | 'target' | 'status' | 'reply' | 'kind' | 'nodeId' | 'error' | 'createdAt'>;

/** A history node's picture and model outputs as exported. */
export interface NodeFile {
  /** `data:image/png;base64,...` */
  image: string;
  state: number[] | null;
  recognition: Recognition<Scene>;
  view: null | {
    mask: string;
    attention: number[];
    words: string[];
    steps: number[];
    grid: number;
    timings: Record<string, number>;
    backend: BackendKind;
  };
}

/** The exported session file. */
export interface SessionFile {
  format: typeof SESSION_FORMAT;
  title: string;
  createdAt: number;
  pack: string | null;
  size: number;
  dialogue: DialogueState;
  transcript: TurnFile[];
  /** By history-node id. */
  nodes: Record<string, NodeFile>;
}

/** Base64 of bytes, in chunks so big pictures do not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes of base64 text; throws on characters outside the alphabet. */
export function base64ToBytes(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function dataUrl(store: SessionStore, blobKey: string, what: string): Promise<string> {
  const blob = await store.getBlob(blobKey);
  if (!blob) throw new Error(`The ${what} is missing from storage.`);
  return PNG_PREFIX + bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

function pngBlob(url: string): Blob {
  return new Blob([base64ToBytes(url.slice(PNG_PREFIX.length)) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

/** The whole session as a SessionFile. */
export async function exportSession(store: SessionStore, sessionId: string): Promise<SessionFile> {
  const session = await store.getSession(sessionId);
  if (!session) throw new Error('That session no longer exists.');
  const nodes: Record<string, NodeFile> = {};
  for (const r of await store.nodes(sessionId)) {
    const v = r.view;
    nodes[r.nodeId] = {
      image: await dataUrl(store, r.imageKey, `picture of history node ${r.nodeId}`),
      state: r.state ? Array.from(r.state) : null,
      recognition: r.recognition,
      view: v && {
        mask: await dataUrl(store, v.maskKey, `mask of history node ${r.nodeId}`), attention: Array.from(v.attention),
        words: v.words, steps: Array.from(v.steps), grid: v.grid, timings: v.timings, backend: v.backend,
      },
    };
  }
  const transcript = (await store.turns(sessionId)).map(
    ({ seq, action, user, target, status, reply, kind, nodeId, error, createdAt }): TurnFile => ({ seq, action, user, target, status, reply, kind, nodeId, error, createdAt }),
  );
  const { title, createdAt, pack, size, dialogue } = session;
  return { format: SESSION_FORMAT, title, createdAt, pack, size, dialogue, transcript, nodes };
}

/** Parses and validates a session file's text (against the pack's image size when given); throws InputError naming the first problem. */
export function parseSessionFile(text: string, expect: SessionExpectations = {}): SessionFile {
  return checkSessionFile(text, expect);
}

/** Checks a session file's text and stores it as a new current session; a rejected file writes nothing. */
export async function importSessionText(store: SessionStore, text: string, expect: SessionExpectations = {}): Promise<Session> {
  return importSession(store, parseSessionFile(text, expect));
}

/** Stores an imported session as a new session (fresh ids) and makes it current. */
export async function importSession(store: SessionStore, file: SessionFile): Promise<Session> {
  const id = newId();
  for (const [nodeId, n] of Object.entries(file.nodes)) {
    const imageKey = newId();
    const blobs: [string, Blob][] = [[imageKey, pngBlob(n.image)]];
    let view: NodeRecord['view'] = null;
    if (n.view) {
      const maskKey = newId();
      blobs.push([maskKey, pngBlob(n.view.mask)]);
      const { attention, words, steps, grid, timings, backend } = n.view;
      view = { maskKey, attention: Float32Array.from(attention), words, steps: Uint8Array.from(steps), grid, timings, backend };
    }
    const state = n.state ? Float32Array.from(n.state) : null;
    await store.putNode({ sessionId: id, nodeId, imageKey, size: file.size, state, recognition: n.recognition, view }, blobs);
  }
  for (const t of file.transcript) await store.putTurn({ ...t, id: newId(), sessionId: id });
  const now = Date.now();
  const session: Session = {
    id, title: file.title, createdAt: file.createdAt, updatedAt: now, pack: file.pack, size: file.size, dialogue: file.dialogue,
  };
  // The session record goes last: an import interrupted before it leaves no half session in the list.
  await store.createSession(session);
  return session;
}
