import { useInfiniteQuery } from '@tanstack/react-query';
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
  // The list operations differ in their filters and rows, not in how they page: one loose call
  // here, typed for the caller by `K` (its filters in, its rows out).
  const callList = call as unknown as (
    id: OperationId,
    input: { params: unknown; query: unknown },
    options: { signal: AbortSignal },
  ) => Promise<CursorPage & { totalCapped?: boolean }>;
  const q = useInfiniteQuery({
    queryKey: [id, params, filters],
    queryFn: ({ pageParam, signal }) =>
      callList(id, { params, query: { ...filters, limit: pageSize, cursor: pageParam } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: refreshMs,
    placeholderData: (prev) => prev,
  });
  const pages = q.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items as RowOf<K>[]);
  const total = pages[0]?.total ?? 0;
  const totalCapped = pages[0]?.totalCapped ?? false;
  return { ...q, items, total, totalCapped };
}
