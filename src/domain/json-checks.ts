/** Checks every domain's validators share for parsed, untrusted JSON. */

/** True for a JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Null when `v` is one of the allowed strings, else why not (named `name`). */
export function oneOf(name: string, allowed: readonly string[], v: unknown): string | null {
  return typeof v === 'string' && allowed.includes(v) ? null : `${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`;
}
