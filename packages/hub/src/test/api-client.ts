import type { FastifyInstance } from 'fastify';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * A browser-like client over `app.inject`: keeps the session cookie, sends the CSRF token it got at
 * sign-in, and can pretend to come from any address.
 */
export class ApiClient {
  private cookie: string | undefined;
  csrf: string | undefined;

  /** The session cookie, for requests made with fetch against a listening hub (SSE). */
  get cookieHeader(): string {
    return this.cookie ?? '';
  }

  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async request<T = unknown>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined
          ? { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' }
          : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      if (pair?.startsWith('cp_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = res.body;
    const parsed: unknown =
      text && res.headers['content-type']?.toString().includes('json') ? JSON.parse(text) : text;
    const result = { status: res.statusCode, body: parsed as T, headers: res.headers };
    const maybeSession = parsed as { csrfToken?: string } | null;
    if (typeof maybeSession?.csrfToken === 'string') this.csrf = maybeSession.csrfToken;
    return result;
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, body: unknown = {}) {
    return this.request<T>('POST', url, body);
  }
  patch<T = unknown>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  put<T = unknown>(url: string, body: unknown) {
    return this.request<T>('PUT', url, body);
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }

  signIn(login: string, password: string, staySignedIn = false) {
    return this.post<{
      currentOrg: { id: string } | null;
      termsRequired: boolean;
      csrfToken: string;
      organizations: { id: string; name: string }[];
    }>('/api/v1/auth/sign-in', { login, password, staySignedIn });
  }
}
