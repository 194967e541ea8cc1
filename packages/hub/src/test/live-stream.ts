import { expect } from 'vitest';
import type { HubUnderTest } from './hub-under-test.ts';

/** An open live-events stream: what it received so far, and whether the hub ended it. */
export async function openStream(hub: HubUnderTest, orgId: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(`${hub.url}/api/v1/orgs/${orgId}/events`, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const state = { text: '', ended: false };
  const pump = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      state.text += decoder.decode(value);
    }
    state.ended = true;
  })().catch(() => (state.ended = true));
  const waitFor = async (what: (s: typeof state) => boolean, label: string, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!what(state)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}; received:\n${state.text}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await waitFor((s) => s.text.includes('event: hello'), 'hello');
  return {
    state,
    waitFor,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}
