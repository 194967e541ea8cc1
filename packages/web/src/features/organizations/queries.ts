// An organization's own record (name, kind, counts, plan), shared by the screens that show it.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

/** One organization (the same key for the hook and a prefetch). */
export const organizationQuery = (orgId: string) => ({
  queryKey: ['org', orgId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call('getOrganization', { params: { orgId } }, { signal }),
});

export const useOrganization = (orgId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({ ...organizationQuery(orgId), ...options });

export const supportOrgsKey = ['support-orgs'] as const;

/** The support organizations under an enterprise (operators' screen). */
export const useSupportOrgs = (orgId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({
    queryKey: [...supportOrgsKey, orgId],
    queryFn: ({ signal }) => call('listSupportOrgs', { params: { orgId } }, { signal }),
    ...options,
  });
