/**
 * The dialogue-evaluation JSONL and scene files of every domain (spec/shapes-v1.md "Dialogue evaluation"): a
 * scripted dialogue is a start scene and turns, each with the scene that must follow or {"clarify": true}.
 */
import { isObject } from './json-checks.ts';
import type { Scene } from './scene.ts';

/** Why a parsed JSON value is not a scene of the domain (Domain.sceneProblem). */
export type SceneCheck = (v: unknown, where?: string) => string | null;

/** One scripted turn: what the user says and what must follow (a scene, or a clarifying question). */
export interface ScriptedTurn {
  user: string;
  expect: Scene | { clarify: true };
}
/** One line of the dialogue-evaluation JSONL. */
export interface ScriptedDialogue {
  id: string;
  scene: Scene;
  turns: ScriptedTurn[];
}

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

/** Why a value is not a dialogue record, or null. */
export function dialogueProblem(v: unknown, sceneProblem: SceneCheck): string | null {
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

/** Parses JSONL, checking each record and the uniqueness of ids; blank lines are allowed. */
export function validateJsonl<T>(text: string, check: Check, ids: boolean): ValidationResult<T> {
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
export function validateScenes(text: string, sceneProblem: SceneCheck): ValidationResult<Scene> {
  try {
    const whole: unknown = JSON.parse(text);
    const p = sceneProblem(whole);
    return p ? { records: [], issues: [{ line: 1, reason: p }] } : { records: [whole as Scene], issues: [] };
  } catch {
    return validateJsonl<Scene>(text, (v) => sceneProblem(v), false);
  }
}

/** Validates a dialogue-evaluation JSONL file. */
export function validateDialogues(text: string, sceneProblem: SceneCheck): ValidationResult<ScriptedDialogue> {
  return validateJsonl<ScriptedDialogue>(text, (v) => dialogueProblem(v, sceneProblem), true);
}

