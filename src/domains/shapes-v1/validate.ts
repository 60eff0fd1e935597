/** The shapes-v1 scene validator (spec/shapes-v1.md), and the contract files' validators with it. */
import { COLORS, DOMAIN, GRID, SHAPES, SIZES, TEXTURES, type Scene } from './scene.ts';
import * as files from '../../domain/dialogue-file.ts';
import { isObject, oneOf } from '../../domain/json-checks.ts';

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

/** Validates a shapes-v1 scene file: one JSON scene, or JSONL with one scene a line. */
export function validateScenes(text: string): files.ValidationResult<Scene> {
  return files.validateScenes(text, sceneProblem) as files.ValidationResult<Scene>;
}

/** Validates a shapes-v1 dialogue-evaluation JSONL file. */
export function validateDialogues(text: string): files.ValidationResult<files.ScriptedDialogue> {
  return files.validateDialogues(text, sceneProblem);
}
