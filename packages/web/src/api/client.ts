import type { ErrorBody, OperationId, RouteAnswer, RouteInput, RouteTable } from '@crosspoint/protocol';
import { operations } from './operations.gen.ts';

/** An API call that answered with the hub's error shape (or not at all). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token, sent on every change (set from the session answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (e: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when the hub answers 401: the session ended (signed out elsewhere, expired). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** Statuses that still carry a normal body (e.g. 503 from /readyz). */
  acceptStatus?: number[];
}

/** An error answer's body as an ApiError (also tells the app when the session ended). */
function apiErrorOf(status: number, statusText: string, parsed: ErrorBody | null, path: string): ApiError {
  const error = new ApiError(
    status,
    parsed?.error.code ?? 'HTTP_ERROR',
    parsed?.error.message ?? `${status} ${statusText}`,
    parsed?.error.details ?? [],
  );
  // A wrong password at sign-in answers 401 too: that is not a session ending.
  if (status === 401 && !path.startsWith(operations.signIn[1]))
    for (const l of unauthenticatedListeners) l(error);
  return error;
}

async function request<T>(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      signal: options.signal ?? null,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', `The hub cannot be reached (${(e as Error).message}).`);
  }
  if (res.ok || options.acceptStatus?.includes(res.status)) {
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  const parsed = (await res.json().catch(() => null)) as ErrorBody | null;
  throw apiErrorOf(res.status, res.statusText, parsed, path);
}

/**
 * Sends a file as the raw body (`application/octet-stream`) and reports the bytes sent so far:
 * XMLHttpRequest, because fetch cannot tell upload progress. `signal` aborts the upload.
 */
function sendFile<T>(
  path: string,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status tells
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(apiErrorOf(xhr.status, xhr.statusText, parsed as ErrorBody | null, path));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The hub cannot be reached (the upload failed).'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** What calling operation `K` takes: its path parameters, query and body (each only when it has one). */
export type CallInput<K extends OperationId> = RouteInput<RouteTable[K]>;
/** What operation `K` answers. */
export type CallAnswer<K extends OperationId> = RouteAnswer<RouteTable[K]>;
/** The input may be left out when the operation needs none (no parameters, no body, an optional query). */
export type CallArgs<K extends OperationId> =
  object extends CallInput<K>
    ? [input?: CallInput<K>, options?: RequestOptions]
    : [input: CallInput<K>, options?: RequestOptions];

type QueryValue = string | number | boolean | undefined | null | readonly (string | number | boolean)[];
interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

/** Builds a query string from defined values only (a list: the name once per value). */
export function query(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v))
      for (const item of v as readonly (string | number | boolean)[]) q.append(k, String(item));
    else if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The URL of an operation: its path with the parameters filled in, and its query. For links the
 * browser follows itself (downloads, the live-events stream).
 */
export function urlOf<K extends OperationId>(id: K, ...[input]: CallArgs<K>): string {
  const { params, query: q } = (input ?? {}) as LooseInput;
  const path = operations[id][1].replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(params?.[name] ?? ''),
  );
  return `${path}${q ? query(q) : ''}`;
}

/**
 * Calls an operation of the hub by its id in the route table (`@crosspoint/protocol`): the path,
 * query, body and answer are typed by the table, so a renamed field or a moved route is a type
 * error here, not a 404 in a browser.
 */
export function call<K extends OperationId>(id: K, ...args: CallArgs<K>): Promise<CallAnswer<K>> {
  const [input, options] = args;
  const method = operations[id][0];
  const body = (input as LooseInput | undefined)?.body;
  const sendsBody = method !== 'GET' && method !== 'DELETE';
  return request<CallAnswer<K>>(method, urlOf(id, ...args), sendsBody ? (body ?? {}) : undefined, options);
}

/** Uploads a file to an operation that takes one (the file command's firmware image or project). */
export function uploadTo<K extends OperationId>(
  id: K,
  input: CallInput<K>,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<CallAnswer<K>> {
  return sendFile<CallAnswer<K>>(urlOf<K>(id, ...([input] as CallArgs<K>)), file, onProgress, signal);
}
