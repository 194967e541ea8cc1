// An organization's own record (name, kind, counts, plan), shared by the screens that show it.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

export const useOrganization = (orgId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({
    queryKey: ['org', orgId],
    queryFn: ({ signal }) => call('getOrganization', { params: { orgId } }, { signal }),
    ...options,
  });

export const supportOrgsKey = ['support-orgs'] as const;

/** The support organizations under an enterprise (operators' screen). */
export const useSupportOrgs = (orgId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({
    queryKey: [...supportOrgsKey, orgId],
    queryFn: ({ signal }) => call('listSupportOrgs', { params: { orgId } }, { signal }),
    ...options,
  });
