/** Validation of imported session files: every problem is an InputError naming where in the file it is. */
import { DialogueManager } from '../dialogue/index.ts';
import { MAX_HISTORY_NODES, historyProblem } from '../dialogue/history-check.ts';
import { SHAPES_DIALOGUE } from '../domains/shapes-v1/dialogue/dialogue.ts';
import { SHAPES_LANGUAGE } from '../domains/shapes-v1/language.ts';
import { GRID } from '../domains/shapes-v1/scene.ts';
import { sceneProblem } from '../domains/shapes-v1/validate.ts';
import { Lexicon } from '../understanding/lexicon.ts';
import { InputError } from '../../workers/errors.ts';
import { pngHeader } from './png-check.ts';

import type { HistoryState } from '../dialogue/history.ts';
import type { SessionFile } from './session-file.ts';

type Obj = Record<string, unknown>;
// Restoring a dialogue needs the domain's words; shapes-v1 is the only domain with sessions so far.
const LEXICON = new Lexicon(SHAPES_LANGUAGE);

/** The file format tag; a later incompatible format gets a new tag. */
export const SESSION_FORMAT = 'parley-session-v1';
/** How every picture in a session file starts. */
export const PNG_PREFIX = 'data:image/png;base64,';
const CELLS = GRID * GRID;
/** Bounds on everything a file can make the app hold or walk; well above what a real session reaches. */
export const SESSION_LIMITS = {
  fileChars: 200 * 1024 * 1024, title: 200, text: 4000, picture: 8 * 1024 * 1024, transcript: 20_000,
  words: 128, wordChars: 64, steps: 64, timings: 32, dialogueExtras: 256 * 1024,
} as const;

function fail(path: string, problem: string): never {
  throw new InputError(`That session file is malformed: ${path} ${problem}.`);
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'must be an object');
  return v;
}

function str(v: unknown, path: string, max: number = SESSION_LIMITS.text): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  if (v.length > max) fail(path, `is ${v.length} characters long (at most ${max})`);
  return v;
}

/** Own keys only: an id like "constructor" must not find Object.prototype's. */
const has = (o: Obj, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'must be a number');
  return v;
}

function nullable<T>(v: unknown, path: string, check: (v: unknown, path: string) => T): T | null {
  return v === null ? null : check(v, path);
}

function arr(v: unknown, path: string, max = 1_000_000): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  if (v.length > max) fail(path, `has ${v.length} entries (at most ${max})`);
  return v;
}

function numbers(v: unknown, path: string, length?: number): number[] {
  const a = arr(v, path);
  if (length !== undefined && a.length !== length) fail(path, `must have ${length} entries, not ${a.length}`);
  a.forEach((x, i) => num(x, `${path}[${i}]`));
  return a as number[];
}

function oneOf(v: unknown, allowed: readonly string[], path: string): void {
  if (typeof v !== 'string' || !allowed.includes(v)) fail(path, `must be one of ${allowed.join(', ')}`);
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

function scene(v: unknown, path: string): void {
  const problem = sceneProblem(v, path);
  if (problem) throw new InputError(`That session file is malformed: ${problem}.`);
}

function history(dialogue: Obj): Map<string, Obj> {
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
      scene(st.expected, `${q}.expected`);
    });
    scene(node.scene, `${p}.scene`);
    nullable(node.referent, `${p}.referent`, cells);
  });
  const problem = historyProblem({ nodes: h.nodes as HistoryState['nodes'], current: str(h.current, 'dialogue.history.current', 16), nextId: num(h.nextId, 'dialogue.history.nextId') });
  if (problem) fail('dialogue.history', problem);
  for (const [id, node] of nodes) {
    if (!nodes.has(node.image as string)) fail(`dialogue.history node ${id}`, `shows the picture of a missing node ${String(node.image)}`);
  }
  nullable(dialogue.referent, 'dialogue.referent', cells);
  for (const extra of ['open', 'last'] as const) {
    if (dialogue[extra] === undefined || dialogue[extra] === null) continue;
    obj(dialogue[extra], `dialogue.${extra}`);
    if (JSON.stringify(dialogue[extra]).length > SESSION_LIMITS.dialogueExtras) fail(`dialogue.${extra}`, 'is too large');
  }
  try {
    DialogueManager.fromJSON(dialogue as never, LEXICON, SHAPES_DIALOGUE);
  } catch (e) {
    fail('dialogue', `cannot be restored (${(e as Error).message})`);
  }
  return nodes;
}

/** Cell indexes of the grid, each once. */
function cells(v: unknown, path: string): number[] {
  const a = numbers(v, path);
  if (a.length > CELLS || a.some((c) => !Number.isInteger(c) || c < 0 || c >= CELLS)) fail(path, `must be cell numbers from 0 to ${CELLS - 1}`);
  return a;
}

function nodeFile(v: unknown, path: string, size: number): void {
  const n = obj(v, path);
  const picture = png(n.image, `${path}.image`);
  if (picture.width !== size || picture.height !== size) fail(`${path}.image`, `is ${picture.width}x${picture.height}, not the session's ${size}x${size}`);
  nullable(n.state, `${path}.state`, (x, p) => numbers(x, p).length <= 1 << 20 ? (x as number[]) : fail(p, 'is too large'));
  const r = obj(n.recognition, `${path}.recognition`);
  scene(r.scene, `${path}.recognition.scene`);
  numbers(r.confidence, `${path}.recognition.confidence`, CELLS);
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

/** What the file must fit: the image size of the pack that will edit it. */
export interface SessionExpectations {
  imageSize?: number;
}

/** Parses a session file's text and checks every field the app relies on. */
export function checkSessionFile(text: string, expect: SessionExpectations = {}): SessionFile {
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
  const nodes = history(obj(raw.dialogue, 'dialogue'));
  const files = obj(raw.nodes, 'nodes');
  for (const [id, node] of nodes) {
    if (node.image === id && !has(files, id)) fail('nodes', `lack the picture of history node ${id}`);
  }
  for (const [id, f] of Object.entries(files)) {
    if (!nodes.has(id)) fail('nodes', `hold a picture for ${id.slice(0, 40)}, which is not a history node`);
    nodeFile(f, `nodes.${id}`, size);
  }
  transcript(raw.transcript, nodes);
  return raw as unknown as SessionFile;
}
