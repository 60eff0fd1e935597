/**
 * The session file format, parley-session-v1: a whole session as one JSON file (transcript, dialogue state, node
 * pictures as PNG data URLs). Export; import, after a check in which every problem names where in the file it is.
 */
import { domainLexicon } from '../conversation/understander.ts';
import { DialogueManager, dialogueOf, type DialogueState, type DomainWithDialogue } from '../dialogue/index.ts';
import { MAX_HISTORY_NODES, historyProblem } from '../dialogue/history-check.ts';
import { MENTION_TURNS } from '../dialogue/mentions.ts';
import type { HistoryState } from '../dialogue/history.ts';
import type { Recognition } from '../domain/domain.ts';
import type { Scene } from '../domain/scene.ts';
import type { BackendKind } from '../../workers/engine.ts';
import { InputError } from '../../workers/errors.ts';
import { fieldChecks, has, isObj, type Obj } from './json-fields.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { pngHeader } from './png-check.ts';
import { newId, type NodeRecord, type Session, type SessionStore, type Turn } from './sessions.ts';

/** The file format tag; a later incompatible format gets a new tag. */
export const SESSION_FORMAT = 'parley-session-v1';
/** How every picture in a session file starts. */
export const PNG_PREFIX = 'data:image/png;base64,';
/** Bounds on everything a file can make the app hold or walk; well above what a real session reaches. */
export const SESSION_LIMITS = {
  fileChars: 200 * 1024 * 1024, title: 200, text: 4000, picture: 8 * 1024 * 1024, transcript: 20_000,
  words: 128, wordChars: 64, steps: 64, timings: 32, dialogueExtras: 256 * 1024,
} as const;

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

const MALFORMED = 'That session file is malformed:';
const checks = fieldChecks(MALFORMED, SESSION_LIMITS.text);
const { obj, str, num, nullable, arr, numbers, oneOf } = checks;
const fail: (path: string, problem: string) => never = checks.fail; // declared, or TypeScript would not narrow after it
/** The domain a file is checked against, and its number of cells. */
interface Ctx {
  domain: DomainWithDialogue;
  cells: number;
}

/** Checks a PNG data URL; returns its width and height. */
function png(v: unknown, path: string): { width: number; height: number } {
  const s = str(v, path, SESSION_LIMITS.picture);
  if (!s.startsWith(PNG_PREFIX)) fail(path, 'must be a PNG data URL');
  let bytes: string;
  try {
    bytes = atob(s.slice(PNG_PREFIX.length));
  } catch {
    fail(path, 'is not valid base64');
  }
  const header = pngHeader(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
  if ('problem' in header) fail(path, header.problem);
  return header;
}

function scene(ctx: Ctx, v: unknown, path: string): void {
  const problem = ctx.domain.sceneProblem(v, path);
  if (problem) throw new InputError(`${MALFORMED} ${problem}.`);
}

function history(ctx: Ctx, dialogue: Obj): Map<string, Obj> {
  if (dialogue.version !== 1) fail('dialogue.version', 'must be 1');
  const h = obj(dialogue.history, 'dialogue.history');
  const nodes = new Map<string, Obj>();
  arr(h.nodes, 'dialogue.history.nodes', MAX_HISTORY_NODES).forEach((n, i) => {
    const p = `dialogue.history.nodes[${i}]`;
    const node = obj(n, p);
    nodes.set(str(node.id, `${p}.id`, 16), node);
    nullable(node.parent, `${p}.parent`, str);
    nullable(node.redoChild, `${p}.redoChild`, str);
    arr(node.children, `${p}.children`, MAX_HISTORY_NODES).forEach((c, j) => str(c, `${p}.children[${j}]`, 16));
    oneOf(node.kind, ['start', 'edit', 'reset'], `${p}.kind`);
    str(node.user, `${p}.user`);
    str(node.summary, `${p}.summary`);
    str(node.image, `${p}.image`, 16);
    arr(node.steps, `${p}.steps`, SESSION_LIMITS.steps).forEach((step, j) => {
      const q = `${p}.steps[${j}]`;
      const st = obj(step, q);
      obj(st.edit, `${q}.edit`);
      str(st.instruction, `${q}.instruction`);
      scene(ctx, st.expected, `${q}.expected`);
    });
    scene(ctx, node.scene, `${p}.scene`);
    nullable(node.referent, `${p}.referent`, (x, q) => cells(ctx, x, q));
  });
  const problem = historyProblem({ nodes: h.nodes as HistoryState['nodes'], current: str(h.current, 'dialogue.history.current', 16), nextId: num(h.nextId, 'dialogue.history.nextId') });
  if (problem) fail('dialogue.history', problem);
  for (const [id, node] of nodes) {
    if (!nodes.has(node.image as string)) fail(`dialogue.history node ${id}`, `shows the picture of a missing node ${String(node.image)}`);
  }
  nullable(dialogue.referent, 'dialogue.referent', (x, q) => cells(ctx, x, q));
  if (dialogue.mentions !== undefined) arr(dialogue.mentions, 'dialogue.mentions', MENTION_TURNS).forEach((m, i) => cells(ctx, m, `dialogue.mentions[${i}]`));
  for (const extra of ['open', 'last'] as const) {
    if (dialogue[extra] === undefined || dialogue[extra] === null) continue;
    obj(dialogue[extra], `dialogue.${extra}`);
    if (JSON.stringify(dialogue[extra]).length > SESSION_LIMITS.dialogueExtras) fail(`dialogue.${extra}`, 'is too large');
  }
  try {
    DialogueManager.fromJSON(dialogue as never, domainLexicon(ctx.domain), dialogueOf(ctx.domain));
  } catch (e) {
    fail('dialogue', `cannot be restored (${(e as Error).message})`);
  }
  return nodes;
}

/** Cell indexes of the grid, each once. */
function cells(ctx: Ctx, v: unknown, path: string): number[] {
  const a = numbers(v, path);
  if (a.length > ctx.cells || a.some((c) => !Number.isInteger(c) || c < 0 || c >= ctx.cells)) fail(path, `must be cell numbers from 0 to ${ctx.cells - 1}`);
  return a;
}

function nodeFile(ctx: Ctx, v: unknown, path: string, size: number): void {
  const n = obj(v, path);
  const picture = png(n.image, `${path}.image`);
  if (picture.width !== size || picture.height !== size) fail(`${path}.image`, `is ${picture.width}x${picture.height}, not the session's ${size}x${size}`);
  nullable(n.state, `${path}.state`, (x, p) => numbers(x, p).length <= 1 << 20 ? (x as number[]) : fail(p, 'is too large'));
  const r = obj(n.recognition, `${path}.recognition`);
  scene(ctx, r.scene, `${path}.recognition.scene`);
  numbers(r.confidence, `${path}.recognition.confidence`, ctx.cells);
  if (n.view === null) return;
  const view = obj(n.view, `${path}.view`);
  const mask = png(view.mask, `${path}.view.mask`);
  if (mask.width > size || mask.height > size) fail(`${path}.view.mask`, `is ${mask.width}x${mask.height}, larger than the picture`);
  const grid = num(view.grid, `${path}.view.grid`);
  if (!Number.isInteger(grid) || grid < 1 || grid > 64) fail(`${path}.view.grid`, 'must be a whole number from 1 to 64');
  const words = arr(view.words, `${path}.view.words`, SESSION_LIMITS.words);
  words.forEach((w, i) => str(w, `${path}.view.words[${i}]`, SESSION_LIMITS.wordChars));
  numbers(view.attention, `${path}.view.attention`, words.length * grid * grid);
  numbers(view.steps, `${path}.view.steps`, grid * grid);
  oneOf(view.backend, ['webgpu', 'wasm'], `${path}.view.backend`);
  const timings = Object.entries(obj(view.timings, `${path}.view.timings`));
  if (timings.length > SESSION_LIMITS.timings) fail(`${path}.view.timings`, `has ${timings.length} entries (at most ${SESSION_LIMITS.timings})`);
  timings.forEach(([k, t]) => num(t, `${path}.view.timings.${k}`));
}

function transcript(v: unknown, nodes: Map<string, Obj>): void {
  const seqs = new Set<number>();
  arr(v, 'transcript', SESSION_LIMITS.transcript).forEach((t, i) => {
    const p = `transcript[${i}]`;
    const turn = obj(t, p);
    const seq = num(turn.seq, `${p}.seq`);
    if (!Number.isInteger(seq) || seq < 0 || seqs.has(seq)) fail(`${p}.seq`, 'must be a whole number not used by another turn');
    seqs.add(seq);
    num(turn.createdAt, `${p}.createdAt`);
    oneOf(turn.action, ['say', 'jump'], `${p}.action`);
    oneOf(turn.status, ['pending', 'done', 'failed'], `${p}.status`);
    str(turn.user, `${p}.user`);
    str(turn.reply, `${p}.reply`);
    for (const f of ['target', 'kind', 'nodeId', 'error']) nullable(turn[f], `${p}.${f}`, str);
    if (turn.nodeId !== null && !nodes.has(turn.nodeId as string)) fail(`${p}.nodeId`, `is not a history node`);
  });
}

/** What the file must fit: the domain and image size of the pack that will edit it. */
export interface SessionExpectations {
  domain: DomainWithDialogue;
  imageSize?: number;
}

/** Parses a session file's text and checks every field the app relies on; throws an InputError naming the first problem. */
export function checkSessionFile(text: string, expect: SessionExpectations): SessionFile {
  if (text.length > SESSION_LIMITS.fileChars) throw new InputError(`That session file is too large (${(text.length / 1048576).toFixed(0)} MB; the limit is 200 MB).`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`That file is not a Parley session: it is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObj(raw) || raw.format !== SESSION_FORMAT) {
    const format = isObj(raw) && typeof raw.format === 'string' ? ` (its format is "${raw.format}")` : '';
    throw new InputError(`That file is not a Parley session${format}: expected format "${SESSION_FORMAT}".`);
  }
  str(raw.title, 'title', SESSION_LIMITS.title);
  num(raw.createdAt, 'createdAt');
  nullable(raw.pack, 'pack', str);
  const size = num(raw.size, 'size');
  if (!Number.isInteger(size) || size < 1 || size > 1024) fail('size', 'must be a whole number from 1 to 1024');
  if (expect.imageSize !== undefined && size !== expect.imageSize) {
    fail('size', `is ${size} px, but the model pack edits ${expect.imageSize} px pictures`);
  }
  const grid = expect.domain.language.grid;
  const ctx: Ctx = { domain: expect.domain, cells: grid ? grid.rows * grid.cols : 1 };
  const nodes = history(ctx, obj(raw.dialogue, 'dialogue'));
  const files = obj(raw.nodes, 'nodes');
  for (const [id, node] of nodes) {
    if (node.image === id && !has(files, id)) fail('nodes', `lack the picture of history node ${id}`);
  }
  for (const [id, f] of Object.entries(files)) {
    if (!nodes.has(id)) fail('nodes', `hold a picture for ${id.slice(0, 40)}, which is not a history node`);
    nodeFile(ctx, f, `nodes.${id}`, size);
  }
  transcript(raw.transcript, nodes);
  return raw as unknown as SessionFile;
}

/** Checks a session file's text and stores it as a new current session; a rejected file writes nothing. */
export async function importSessionText(store: SessionStore, text: string, expect: SessionExpectations): Promise<Session> {
  return importSession(store, checkSessionFile(text, expect));
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
