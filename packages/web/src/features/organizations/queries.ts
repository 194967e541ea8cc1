// An organization's own record (name, kind, counts, plan), shared by the screens that show it.
import { useQuery } from '@tanstack/react-query';
import type { Organization } from '@crosspoint/protocol';
import { api } from '../../api/client.ts';

export const useOrganization = (orgId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({
    queryKey: ['org', orgId],
    queryFn: ({ signal }) => api.get<Organization>(`/api/v1/orgs/${orgId}`, { signal }),
    ...options,
  });
