// The organization's locations (a flat list; each knows its parent and path), shared by the screens
// that filter or assign by location. Mutations invalidate `locationsKey`.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { unlessJustFetched } from '../../ui/useCursorList.ts';

export const locationsKey = ['locations'] as const;

/** The organization's locations (the same key for the hook and a prefetch). */
export const locationsQuery = (orgId: string) => ({
  queryKey: [...locationsKey, orgId],
  queryFn: ({ signal }: { signal: AbortSignal }) => call('listLocations', { params: { orgId } }, { signal }),
  refetchOnMount: unlessJustFetched,
});

export const useLocations = (orgId: string, options: { refetchInterval?: number; enabled?: boolean } = {}) =>
  useQuery({ ...locationsQuery(orgId), ...options });
