import type { ErrorBody } from '@crosspoint/protocol';

/** An API call that answered with the hub's error shape (or not at all). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GETs JSON from the hub. Non-2xx answers become ApiError with the hub's stable code. */
export async function getJson<T>(path: string, init?: { signal?: AbortSignal; acceptStatus?: number[] }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, signal: init?.signal ?? null, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `The hub cannot be reached (${(e as Error).message}).`);
  }
  if (res.ok || init?.acceptStatus?.includes(res.status)) return (await res.json()) as T;
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  throw new ApiError(res.status, body?.error.code ?? 'HTTP_ERROR', body?.error.message ?? `${res.status} ${res.statusText}`);
}
