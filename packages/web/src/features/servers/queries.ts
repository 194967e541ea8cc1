// The organization's agent server accounts, paged by the hub; mutations invalidate `serversKey`.
import { useCursorList, type FiltersOf } from '../../ui/useCursorList.ts';

/** The first element of the servers list's query key (the list's operation id). */
export const serversKey = ['listServers'] as const;

/** The server accounts with their search, status and sort; refreshed every 10 s (connections come and go). */
export const useServers = (orgId: string, filters: FiltersOf<'listServers'>) =>
  useCursorList('listServers', { orgId }, filters, 50, 10_000);
