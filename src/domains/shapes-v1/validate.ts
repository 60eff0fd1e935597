/** Validators for the contract files (spec/shapes-v1.md): scenes, dialogue JSONL, cosal-v1 JSONL. */
import {
  COSAL_COLORS, COSAL_SHAPES, parseCosalSentence, sentenceCell, type CosalRecord,
} from '../cosal-v1/cosal.ts';
import { COLORS, DOMAIN, GRID, SHAPES, SIZES, TEXTURES, type Scene } from './scene.ts';
import type { Dialogue } from '../../../scripts/data/shapes-v1/dialogue.ts';

/** A problem found in an input file (1-based line). */
export interface ValidationIssue {
  line: number;
  reason: string;
}
/** Valid records and the problems of the invalid lines. */
export interface ValidationResult<T> {
  records: T[];
  issues: ValidationIssue[];
}

type Check = (v: unknown) => string | null;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf(name: string, allowed: readonly string[], v: unknown): string | null {
  return typeof v === 'string' && allowed.includes(v) ? null : `${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`;
}

/** Why a value is not a shapes-v1 scene, or null when it is one. */
export function sceneProblem(v: unknown, where = 'scene'): string | null {
  if (!isObject(v)) return `${where} must be an object`;
  if (v.domain !== DOMAIN) return `${where}.domain must be "${DOMAIN}" (got ${JSON.stringify(v.domain)})`;
  const extra = Object.keys(v).filter((k) => k !== 'domain' && k !== 'cells');
  if (extra.length) return `${where} has unknown key "${extra[0]}"`;
  if (!Array.isArray(v.cells) || v.cells.length !== GRID * GRID) return `${where}.cells must be an array of 9 entries`;
  for (let i = 0; i < v.cells.length; i++) {
    const c: unknown = v.cells[i];
    if (c === null) continue;
    const at = `${where}.cells[${i}]`;
    if (!isObject(c)) return `${at} must be null or an object`;
    const unknownKey = Object.keys(c).find((k) => !['shape', 'color', 'size', 'texture'].includes(k));
    if (unknownKey) return `${at} has unknown key "${unknownKey}"`;
    const p = oneOf(`${at}.shape`, SHAPES, c.shape) ?? oneOf(`${at}.color`, COLORS, c.color) ??
      oneOf(`${at}.size`, SIZES, c.size) ?? oneOf(`${at}.texture`, TEXTURES, c.texture);
    if (p) return p;
  }
  return null;
}

/** Why a value is not a dialogue record, or null. */
export function dialogueProblem(v: unknown): string | null {
  if (!isObject(v)) return 'a dialogue must be a JSON object';
  if (typeof v.id !== 'string' || v.id.length === 0) return 'id must be a non-empty string';
  const s = sceneProblem(v.scene);
  if (s) return s;
  if (!Array.isArray(v.turns) || v.turns.length === 0) return 'turns must be a non-empty array';
  for (let i = 0; i < v.turns.length; i++) {
    const t: unknown = v.turns[i];
    const at = `turns[${i}]`;
    if (!isObject(t)) return `${at} must be an object`;
    if (typeof t.user !== 'string' || t.user.trim().length === 0) return `${at}.user must be a non-empty string`;
    if (!isObject(t.expect)) return `${at}.expect must be a scene or {"clarify": true}`;
    if ('clarify' in t.expect) {
      if (t.expect.clarify !== true || Object.keys(t.expect).length !== 1) return `${at}.expect must be exactly {"clarify": true}`;
    } else {
      const p = sceneProblem(t.expect, `${at}.expect`);
      if (p) return p;
    }
  }
  return null;
}

/** Why a value is not a cosal-v1 record, or null (also checks that the sentences determine every color). */
export function cosalProblem(v: unknown): string | null {
  if (!isObject(v)) return 'a CoSaL record must be a JSON object';
  if (typeof v.id !== 'string' || v.id.length === 0) return 'id must be a non-empty string';
  if (!Array.isArray(v.cells) || v.cells.length !== 9) return 'cells must be an array of 9 entries';
  for (let i = 0; i < 9; i++) {
    const c: unknown = v.cells[i];
    if (!isObject(c)) return `cells[${i}] must be an object`;
    const p = oneOf(`cells[${i}].shape`, COSAL_SHAPES, c.shape) ?? oneOf(`cells[${i}].color`, COSAL_COLORS, c.color);
    if (p) return p;
  }
  const rec = v as unknown as CosalRecord;
  const missing = COSAL_SHAPES.find((s) => !rec.cells.some((c) => c.shape === s));
  if (missing) return `every shape must appear once; "${missing}" is missing`;
  if (!Array.isArray(v.sentences) || v.sentences.length !== 9) return 'sentences must be an array of 9 strings';
  const known = new Set<number>();
  for (let i = 0; i < 9; i++) {
    const text: unknown = v.sentences[i];
    const s = typeof text === 'string' ? parseCosalSentence(text) : null;
    if (!s) return `sentences[${i}] is neither "SHAPE is COLOR" nor "COLOR REL SHAPE": ${JSON.stringify(text)}`;
    const cell = sentenceCell(rec, s);
    if (cell === null) return `sentences[${i}] points off the grid: ${JSON.stringify(text)}`;
    if (rec.cells[cell]!.color !== s.color) return `sentences[${i}] contradicts cells: ${JSON.stringify(text)}`;
    if (s.kind === 'rel' && !known.has(rec.cells.findIndex((c) => c.shape === s.shape))) {
      return `sentences[${i}] refers to "${s.shape}" before its color is determined`;
    }
    if (known.has(cell)) return `sentences[${i}] determines cell ${cell} a second time`;
    known.add(cell);
  }
  return null;
}

// Parses JSONL, checking each record and the uniqueness of ids; blank lines are allowed.
function validateJsonl<T>(text: string, check: Check, ids: boolean): ValidationResult<T> {
  const records: T[] = [];
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, k) => {
    const line = k + 1;
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      issues.push({ line, reason: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    const p = check(v);
    if (p) return void issues.push({ line, reason: p });
    if (ids) {
      const id = (v as { id: string }).id;
      if (seen.has(id)) return void issues.push({ line, reason: `duplicate id "${id}" (first on line ${seen.get(id)})` });
      seen.set(id, line);
    }
    records.push(v as T);
  });
  if (records.length === 0 && issues.length === 0) issues.push({ line: 1, reason: 'the file holds no records' });
  return { records, issues };
}

/** Validates a scene file: one JSON scene, or JSONL with one scene a line. */
export function validateScenes(text: string): ValidationResult<Scene> {
  try {
    const whole: unknown = JSON.parse(text);
    const p = sceneProblem(whole);
    return p ? { records: [], issues: [{ line: 1, reason: p }] } : { records: [whole as Scene], issues: [] };
  } catch {
    return validateJsonl<Scene>(text, (v) => sceneProblem(v), false);
  }
}

/** Validates a dialogue-evaluation JSONL file. */
export function validateDialogues(text: string): ValidationResult<Dialogue> {
  return validateJsonl<Dialogue>(text, dialogueProblem, true);
}

/** Validates a cosal-v1 JSONL file. */
export function validateCosal(text: string): ValidationResult<CosalRecord> {
  return validateJsonl<CosalRecord>(text, cosalProblem, true);
}
