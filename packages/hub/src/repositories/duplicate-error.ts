/** A unique constraint refused a write (PostgreSQL 23505), whichever driver reported it. */
export class DuplicateError extends Error {
  constructor(readonly constraint: string | undefined) {
    super(`duplicate value${constraint ? ` (${constraint})` : ''}`);
    this.name = 'DuplicateError';
  }
}

/** Runs a write and turns a unique violation into DuplicateError; other errors pass unchanged. */
export async function failOnDuplicate<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    for (
      let err: unknown = e, depth = 0;
      err && depth < 4;
      err = (err as { cause?: unknown }).cause, depth++
    ) {
      const pgError = err as { code?: string; constraint?: string };
      if (pgError.code === '23505') throw new DuplicateError(pgError.constraint);
    }
    throw e;
  }
}
