// The organization's locations (a flat list; each knows its parent and path), shared by the screens
// that filter or assign by location. Mutations invalidate `locationsKey`.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

export const locationsKey = ['locations'] as const;

export const useLocations = (orgId: string, options: { refetchInterval?: number; enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [...locationsKey, orgId],
    queryFn: ({ signal }) => call('listLocations', { params: { orgId } }, { signal }),
    ...options,
  });
