/** Validation of imported session files: every problem is an InputError naming where in the file it is. */
import { DialogueManager } from '../dialogue/index.ts';
import { SHAPES_LANGUAGE } from '../domain/language.ts';
import { GRID } from '../domain/scene.ts';
import { sceneProblem } from '../domain/validate.ts';
import { Lexicon } from '../understanding/lexicon.ts';
import { InputError } from '../../workers/errors.ts';

import type { SessionFile } from './session-file.ts';

type Obj = Record<string, unknown>;
// Restoring a dialogue needs the domain's words; shapes-v1 is the only domain with sessions so far.
const LEXICON = new Lexicon(SHAPES_LANGUAGE);

/** The file format tag; a later incompatible format gets a new tag. */
export const SESSION_FORMAT = 'parley-session-v1';
/** How every picture in a session file starts. */
export const PNG_PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CELLS = GRID * GRID;

function fail(path: string, problem: string): never {
  throw new InputError(`That session file is malformed: ${path} ${problem}.`);
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'must be an object');
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'must be a number');
  return v;
}

function nullable<T>(v: unknown, path: string, check: (v: unknown, path: string) => T): T | null {
  return v === null ? null : check(v, path);
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
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

function png(v: unknown, path: string): void {
  const s = str(v, path);
  if (!s.startsWith(PNG_PREFIX)) fail(path, 'must be a PNG data URL');
  let head: string;
  try {
    head = atob(s.slice(PNG_PREFIX.length, PNG_PREFIX.length + 12));
    atob(s.slice(PNG_PREFIX.length));
  } catch {
    fail(path, 'is not valid base64');
  }
  if (!PNG_SIGNATURE.every((b, i) => head.charCodeAt(i) === b)) fail(path, 'is not a PNG image');
}

function scene(v: unknown, path: string): void {
  const problem = sceneProblem(v, path);
  if (problem) throw new InputError(`That session file is malformed: ${problem}.`);
}

function history(dialogue: Obj): Map<string, Obj> {
  if (dialogue.version !== 1) fail('dialogue.version', 'must be 1');
  const h = obj(dialogue.history, 'dialogue.history');
  const nodes = new Map<string, Obj>();
  arr(h.nodes, 'dialogue.history.nodes').forEach((n, i) => {
    const p = `dialogue.history.nodes[${i}]`;
    const node = obj(n, p);
    nodes.set(str(node.id, `${p}.id`), node);
    nullable(node.parent, `${p}.parent`, str);
    arr(node.children, `${p}.children`).forEach((c, j) => str(c, `${p}.children[${j}]`));
    oneOf(node.kind, ['start', 'edit', 'reset'], `${p}.kind`);
    str(node.user, `${p}.user`);
    str(node.summary, `${p}.summary`);
    str(node.image, `${p}.image`);
    arr(node.steps, `${p}.steps`);
    scene(node.scene, `${p}.scene`);
  });
  for (const [id, node] of nodes) {
    for (const ref of [node.parent, node.image, ...(node.children as unknown[])]) {
      if (ref !== null && !nodes.has(ref as string)) fail(`dialogue.history node ${id}`, `refers to a missing node ${String(ref)}`);
    }
  }
  if (!nodes.has(str(h.current, 'dialogue.history.current'))) fail('dialogue.history.current', 'is not a node of the history');
  try {
    DialogueManager.fromJSON(dialogue as never, LEXICON);
  } catch (e) {
    fail('dialogue', `cannot be restored (${(e as Error).message})`);
  }
  return nodes;
}

function nodeFile(v: unknown, path: string): void {
  const n = obj(v, path);
  png(n.image, `${path}.image`);
  nullable(n.state, `${path}.state`, numbers);
  const r = obj(n.recognition, `${path}.recognition`);
  scene(r.scene, `${path}.recognition.scene`);
  numbers(r.confidence, `${path}.recognition.confidence`, CELLS);
  if (n.view === null) return;
  const view = obj(n.view, `${path}.view`);
  png(view.mask, `${path}.view.mask`);
  const grid = num(view.grid, `${path}.view.grid`);
  const words = arr(view.words, `${path}.view.words`);
  words.forEach((w, i) => str(w, `${path}.view.words[${i}]`));
  numbers(view.attention, `${path}.view.attention`, words.length * grid * grid);
  numbers(view.steps, `${path}.view.steps`, grid * grid);
  oneOf(view.backend, ['webgpu', 'wasm'], `${path}.view.backend`);
  Object.entries(obj(view.timings, `${path}.view.timings`)).forEach(([k, t]) => num(t, `${path}.view.timings.${k}`));
}

function transcript(v: unknown): void {
  arr(v, 'transcript').forEach((t, i) => {
    const p = `transcript[${i}]`;
    const turn = obj(t, p);
    num(turn.seq, `${p}.seq`);
    num(turn.createdAt, `${p}.createdAt`);
    oneOf(turn.action, ['say', 'jump'], `${p}.action`);
    oneOf(turn.status, ['pending', 'done', 'failed'], `${p}.status`);
    str(turn.user, `${p}.user`);
    str(turn.reply, `${p}.reply`);
    for (const f of ['target', 'kind', 'nodeId', 'error']) nullable(turn[f], `${p}.${f}`, str);
  });
}

/** Parses a session file's text and checks every field the app relies on. */
export function checkSessionFile(text: string): SessionFile {
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
  str(raw.title, 'title');
  num(raw.createdAt, 'createdAt');
  nullable(raw.pack, 'pack', str);
  const size = num(raw.size, 'size');
  if (!Number.isInteger(size) || size < 1 || size > 1024) fail('size', 'must be a whole number from 1 to 1024');
  const nodes = history(obj(raw.dialogue, 'dialogue'));
  const files = obj(raw.nodes, 'nodes');
  for (const [id, node] of nodes) {
    if (node.image === id && !(id in files)) fail('nodes', `lack the picture of history node ${id}`);
  }
  for (const [id, f] of Object.entries(files)) nodeFile(f, `nodes.${id}`);
  transcript(raw.transcript);
  return raw as unknown as SessionFile;
}
