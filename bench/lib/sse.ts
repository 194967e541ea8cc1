// A minimal Server-Sent Events client for the hub's live events (`/api/v1/orgs/:orgId/events`):
// fetch with a bearer token, the stream parsed into events as they arrive.

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser of a text/event-stream: feed it chunks as they come, get the complete events
 * (a blank line ends one). Comments (`: keep-alive`) and `retry:`/`id:` fields are ignored; several
 * `data:` lines are joined with newlines, as the specification says.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const out: SseEvent[] = [];
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      let any = false;
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          event = value;
          any = true;
        } else if (field === 'data') {
          data.push(value);
          any = true;
        }
      }
      if (any) out.push({ event, data: data.join('\n') });
    }
    return out;
  }
}

export interface SseConnection {
  /** Resolves once the response headers arrived (the subscription exists from then on). */
  opened: Promise<void>;
  close(): void;
}

/** Opens the stream and calls `onEvent` (with the wall clock of arrival) for every event until closed. */
export function openSse(
  url: string,
  token: string,
  onEvent: (e: SseEvent, at: number) => void,
  onError: (e: unknown) => void = () => undefined,
): SseConnection {
  const abort = new AbortController();
  let resolveOpened: () => void = () => undefined;
  let rejectOpened: (e: unknown) => void = () => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    resolveOpened = resolve;
    rejectOpened = reject;
  });
  void (async () => {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
    resolveOpened();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    for await (const chunk of res.body) {
      const at = Date.now();
      for (const e of parser.push(decoder.decode(chunk as Uint8Array, { stream: true }))) onEvent(e, at);
    }
  })().catch((e: unknown) => {
    rejectOpened(e);
    if (!abort.signal.aborted) onError(e);
  });
  return { opened, close: () => abort.abort() };
}
