import type { FastifyRequest } from 'fastify';

/** HTTP Basic credentials of a request (agents sign in with their server account this way). */
export function basicCredentials(request: FastifyRequest): { login: string; password: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
