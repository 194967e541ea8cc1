import { ServiceError } from './service-error.ts';

export interface Cursor {
  value: string | number | null;
  id: string;
  /** The total the first page counted, carried so later pages need not count again. */
  total?: number | undefined;
}

/** Opaque keyset cursor: the sort value and id of the last row of the previous page. */
export function encodeCursor(value: string | number | null, id: string, total?: number): string {
  return Buffer.from(JSON.stringify(total === undefined ? [value, id] : [value, id, total])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      (parsed.length === 2 ||
        (parsed.length === 3 && Number.isSafeInteger(parsed[2]) && (parsed[2] as number) >= 0)) &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number' || parsed[0] === null) &&
      typeof parsed[1] === 'string'
    ) {
      return {
        value: parsed[0] as string | number | null,
        id: parsed[1],
        total: parsed[2] as number | undefined,
      };
    }
  } catch {
    // fall through
  }
  throw ServiceError.invalid(
    'BAD_REQUEST',
    'The cursor is not one this API gave out; start again without it.',
  );
}

/** Cuts the extra row a repository fetched (limit + 1) and builds the next cursor from the last kept row. */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  keyOf: (row: R) => { value: string | number | null; id: string },
  total?: number,
): { items: T[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  const nextKey = rows.length > limit && last ? keyOf(last) : undefined;
  return {
    items: kept.map(map),
    nextCursor: nextKey ? encodeCursor(nextKey.value, nextKey.id, total) : null,
  };
}
