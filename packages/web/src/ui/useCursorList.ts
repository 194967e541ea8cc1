import { useInfiniteQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.ts';

export interface PageOf<T> {
  items: T[];
  total: number;
  /** The total is a lower bound (the hub stopped counting; see DevicePage). */
  totalCapped?: boolean;
  nextCursor: string | null;
}

export interface ListParams {
  search?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  [filter: string]: string | number | undefined;
}

/**
 * A server-side list: search, sort and filters go to the hub; pages are fetched by cursor and
 * appended ("Show more"), refreshed every `refreshMs` so the list stays current.
 */
export function useCursorList<T>(
  key: string,
  path: string,
  params: ListParams,
  pageSize = 50,
  refreshMs = 30_000,
) {
  const q = useInfiniteQuery({
    queryKey: [key, path, params],
    queryFn: ({ pageParam, signal }) =>
      api.get<PageOf<T>>(`${path}${query({ ...params, limit: pageSize, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: refreshMs,
    placeholderData: (prev) => prev,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const total = q.data?.pages[0]?.total ?? 0;
  const totalCapped = q.data?.pages[0]?.totalCapped ?? false;
  return { ...q, items, total, totalCapped };
}
