import { lineTemplate, type LineTemplate, type TemplateParams } from './line-template.ts';

/** How sure we are of a line's syntax (devices.md marks [C], [I], [G]). */
export type Confidence = 'confirmed' | 'inferred' | 'guessed';

interface DialectLine<Fact extends string, Rep> {
  readonly confidence: Confidence;
  /** The device fact the reply feeds (agent-side routing; documentation for the simulator). */
  readonly feeds: Fact;
  /** Reply (or pushed line) the simulator formats / the agent parses. */
  readonly reply: LineTemplate<Rep>;
  readonly note?: string;
}
/** A command: the request the agent sends / the simulator parses, and its reply. */
export interface DialectEntry<Fact extends string, Req, Rep> extends DialectLine<Fact, Rep> {
  readonly request: LineTemplate<Req>;
}
/** A line the device pushes (or writes inside a multi-line reply) with no request of its own. */
export interface DialectPush<Fact extends string, Rep> extends DialectLine<Fact, Rep> {
  readonly request: undefined;
}

type AnyLine = DialectEntry<string, unknown, unknown> | DialectPush<string, unknown>;
type RequestOf<E> = E extends DialectEntry<string, infer Q, unknown> ? Q : never;
type ReplyOf<E> = E extends DialectLine<string, infer R> ? R : never;

/** A parsed request of a dialect table, discriminated by entry name. */
export type ParsedRequest<D> = {
  [K in keyof D]: D[K] extends DialectEntry<string, unknown, unknown>
    ? { name: K; params: RequestOf<D[K]> }
    : never;
}[keyof D];
/** A parsed reply or pushed line of a dialect table, discriminated by entry name. */
export type ParsedReply<D> = { [K in keyof D]: { name: K; params: ReplyOf<D[K]> } }[keyof D];

export function dialectEntry<Fact extends string, const Q extends string, const R extends string>(
  confidence: Confidence,
  feeds: Fact,
  request: Q,
  reply: R,
  note?: string,
): DialectEntry<Fact, TemplateParams<Q>, TemplateParams<R>> {
  return {
    confidence,
    feeds,
    request: lineTemplate(request),
    reply: lineTemplate(reply),
    ...(note ? { note } : {}),
  };
}

export function dialectPush<Fact extends string, const R extends string>(
  confidence: Confidence,
  feeds: Fact,
  reply: R,
  note?: string,
): DialectPush<Fact, TemplateParams<R>> {
  return { confidence, feeds, request: undefined, reply: lineTemplate(reply), ...(note ? { note } : {}) };
}

/** First entry (in table order) whose request template fits the line. */
export function parseRequest<D extends Record<string, AnyLine>>(
  table: D,
  line: string,
): ParsedRequest<D> | undefined {
  for (const [name, e] of Object.entries(table)) {
    const params = e.request?.parse(line);
    if (params !== undefined) return { name, params } as ParsedRequest<D>;
  }
  return undefined;
}

/** First entry (in table order) whose reply template fits the line. */
export function parseReply<D extends Record<string, AnyLine>>(
  table: D,
  line: string,
): ParsedReply<D> | undefined {
  for (const [name, e] of Object.entries(table)) {
    const params = e.reply.parse(line);
    if (params !== undefined) return { name, params } as ParsedReply<D>;
  }
  return undefined;
}
