/** The cosal-v1 JSONL validator (spec/shapes-v1.md "cosal-v1"): records whose sentences determine every colour. */
import { validateJsonl, type ValidationResult } from '../../domain/dialogue-file.ts';
import { isObject, oneOf } from '../../domain/json-checks.ts';
import { COSAL_COLORS, COSAL_SHAPES, parseCosalSentence, sentenceCell, type CosalRecord } from './cosal.ts';

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

/** Validates a cosal-v1 JSONL file. */
export function validateCosal(text: string): ValidationResult<CosalRecord> {
  return validateJsonl<CosalRecord>(text, cosalProblem, true);
}
