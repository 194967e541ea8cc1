// The organization's locations (a flat list; each knows its parent and path), shared by the screens
// that filter or assign by location. Mutations invalidate `locationsKey`.
import { useQuery } from '@tanstack/react-query';
import type { Location } from '@crosspoint/protocol';
import { api } from '../../api/client.ts';

export const locationsKey = ['locations'] as const;

export const useLocations = (orgId: string, options: { refetchInterval?: number; enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [...locationsKey, orgId],
    queryFn: ({ signal }) => api.get<{ items: Location[] }>(`/api/v1/orgs/${orgId}/locations`, { signal }),
    ...options,
  });
