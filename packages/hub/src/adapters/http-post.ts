import { ChannelError } from './channel-error.ts';

/**
 * POSTs JSON and fails with a ChannelError unless the receiver answers 2xx. 4xx answers are final
 * (except 408 and 429, which invite a retry); network errors, timeouts and 5xx may pass later.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number, what: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Crosspoint-Hub', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason = err.name === 'TimeoutError' ? `no answer within ${String(timeoutMs)} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new ChannelError(`${what} unreachable: ${reason}`, false);
  }
  const text = await res.text().catch(() => '');
  if (res.status >= 200 && res.status < 300) return;
  const permanent = res.status >= 300 && res.status < 500 && res.status !== 408 && res.status !== 429;
  throw new ChannelError(`${what} answered ${String(res.status)}${text ? `: ${text.slice(0, 200)}` : ''}`, permanent);
}
