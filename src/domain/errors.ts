/** Typed errors of the scene domain; each sets `name` so callers can branch on it across workers. */

/** An operation that the scene does not allow (editing an empty cell, adding to an occupied one). */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A malformed input file: `line` is 1-based, `reason` says what is wrong. */
export class ValidationError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ValidationError';
  }
}
