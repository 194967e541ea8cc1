import { describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@crosspoint/protocol';
import { lazyScreen, type ScreenPrefetchContext } from './lazy-screen.tsx';

const context = (): ScreenPrefetchContext => ({
  orgId: 'org-1',
  session: {} as SessionInfo,
  search: new URLSearchParams('sort=status'),
});

describe('lazyScreen prefetch', () => {
  it("downloads the screen once, then starts its module's prefetch with the page's context", async () => {
    const prefetch = vi.fn();
    const load = vi.fn(() => Promise.resolve({ screen: () => null, prefetch }));
    const screen = lazyScreen(load);
    const client = new QueryClient();
    const ctx = context();
    await screen.prefetch(client, ctx);
    await screen.prefetch(client, ctx);
    expect(load).toHaveBeenCalledTimes(1);
    expect(prefetch).toHaveBeenCalledTimes(2);
    expect(prefetch).toHaveBeenCalledWith(client, ctx);
  });

  it('a screen without a prefetch only downloads', async () => {
    const load = vi.fn(() => Promise.resolve(() => null));
    await lazyScreen(load).prefetch(new QueryClient(), context());
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed download is tried again by the next prefetch', async () => {
    const prefetch = vi.fn();
    const load = vi
      .fn<() => Promise<{ screen: () => null; prefetch: typeof prefetch }>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue({ screen: () => null, prefetch });
    const screen = lazyScreen(load);
    await expect(screen.prefetch(new QueryClient(), context())).rejects.toThrow('offline');
    await screen.prefetch(new QueryClient(), context());
    expect(load).toHaveBeenCalledTimes(2);
    expect(prefetch).toHaveBeenCalledTimes(1);
  });
});
