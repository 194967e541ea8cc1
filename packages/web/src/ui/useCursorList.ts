import { useInfiniteQuery, type QueryClient } from '@tanstack/react-query';
import type { OperationId, RouteParams, RouteQuery, RouteTable } from '@crosspoint/protocol';
import { call } from '../api/client.ts';

interface CursorPage {
  items: unknown[];
  total: number;
  nextCursor: string | null;
}

/** The operations that answer a page of a list by cursor (devices, users, servers, clients, audit, incidents, deliveries). */
export type ListOperation = {
  [K in OperationId]: RouteTable[K] extends { answer: unknown; query: unknown }
    ? RouteAnswerOf<K> extends CursorPage
      ? K
      : never
    : never;
}[OperationId];

type RouteAnswerOf<K extends OperationId> = Awaited<ReturnType<typeof call<K>>>;
/** One row of list operation `K`. */
export type RowOf<K extends ListOperation> = RouteAnswerOf<K>['items'][number];
/** The search, sort and filters of list operation `K` (paging is the hook's). */
export type FiltersOf<K extends ListOperation> = Omit<
  NonNullable<RouteQuery<RouteTable[K]>>,
  'cursor' | 'limit'
>;

// The list operations differ in their filters and rows, not in how they page: one loose call
// here, typed for the caller by `K` (its filters in, its rows out).
const callList = call as unknown as (
  id: OperationId,
  input: { params: unknown; query: unknown },
  options: { signal: AbortSignal },
) => Promise<CursorPage & { totalCapped?: boolean }>;

/**
 * Whether a screen that mounts asks again for what its query holds: not when it arrived in the last
 * 2 s (a prefetch for this very page); live events and refreshes ask again whatever its age.
 */
export const unlessJustFetched = (query: { state: { dataUpdatedAt: number } }): boolean =>
  Date.now() - query.state.dataUpdatedAt > 2_000;

/**
 * What a list's query is, shared by the hook and by a prefetch before the screen renders (the
 * same key, so the screen's first render finds the page in flight or arrived).
 */
export function cursorListOptions<K extends ListOperation>(
  id: K,
  params: RouteParams<RouteTable[K]>,
  filters: FiltersOf<K>,
  pageSize: number,
) {
  return {
    queryKey: [id, params, filters] as const,
    queryFn: ({ pageParam, signal }: { pageParam: string | undefined; signal: AbortSignal }) =>
      callList(id, { params, query: { ...filters, limit: pageSize, cursor: pageParam } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: CursorPage) => last.nextCursor ?? undefined,
    refetchOnMount: unlessJustFetched,
  };
}

/** Starts a list's first page before its screen renders (errors are the screen's to show). */
export function prefetchCursorList<K extends ListOperation>(
  client: QueryClient,
  id: K,
  params: RouteParams<RouteTable[K]>,
  filters: FiltersOf<K>,
  pageSize: number,
): void {
  client.infiniteQuery(cursorListOptions(id, params, filters, pageSize)).catch(() => undefined);
}

/**
 * A server-side list: search, sort and filters go to the hub; pages are fetched by cursor and
 * appended ("Show more"), refreshed every `refreshMs` so the list stays current.
 */
export function useCursorList<K extends ListOperation>(
  id: K,
  params: RouteParams<RouteTable[K]>,
  filters: FiltersOf<K>,
  pageSize = 50,
  refreshMs = 30_000,
) {
  const q = useInfiniteQuery({
    ...cursorListOptions(id, params, filters, pageSize),
    refetchInterval: refreshMs,
    placeholderData: (prev) => prev,
  });
  const pages = q.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items as RowOf<K>[]);
  const total = pages[0]?.total ?? 0;
  const totalCapped = pages[0]?.totalCapped ?? false;
  return { ...q, items, total, totalCapped };
}
