/** Field checks for untrusted JSON: each returns the value, typed, or throws an InputError naming where it is. */
import { isObject } from '../domain/json-checks.ts';
import { InputError } from '../../workers/errors.ts';

/** A JSON object. */
export type Obj = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export const isObj: (v: unknown) => v is Obj = isObject;

/** Own keys only: an id like "constructor" must not find Object.prototype's. */
export const has = (o: Obj, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The checks, failing with "`lead` `path` `problem`."; strings are at most `textMax` characters unless told. */
export function fieldChecks(lead: string, textMax: number) {
  function fail(path: string, problem: string): never {
    throw new InputError(`${lead} ${path} ${problem}.`);
  }

  function obj(v: unknown, path: string): Obj {
    if (!isObj(v)) fail(path, 'must be an object');
    return v;
  }

  function str(v: unknown, path: string, max: number = textMax): string {
    if (typeof v !== 'string') fail(path, 'must be a string');
    if (v.length > max) fail(path, `is ${v.length} characters long (at most ${max})`);
    return v;
  }

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

  return { fail, obj, str, num, nullable, arr, numbers, oneOf };
}
