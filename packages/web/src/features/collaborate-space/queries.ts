// COLLABORATE Space: the links (My Account) and the dashboard's video part.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

/**
 * How often the dashboard asks for CS's part while it is shown. CS has no push to the hub, so
 * someone polls; the browser does it (only while a dashboard is open), and the hub keeps each
 * organization's answer a few seconds so that many open dashboards make one request to CS. The
 * video devices' counts also refetch on every `devices` live event (useLiveEvents).
 */
export const csDashboardRefetchMs = 10_000;

export const useCsLinks = (orgId: string) =>
  useQuery({
    queryKey: ['getCollaborateSpaceLinks', orgId],
    queryFn: ({ signal }) => call('getCollaborateSpaceLinks', { params: { orgId } }, { signal }),
  });

export const useCsDashboard = (orgId: string) =>
  useQuery({
    queryKey: ['getCollaborateSpaceDashboard', orgId],
    queryFn: ({ signal }) => call('getCollaborateSpaceDashboard', { params: { orgId } }, { signal }),
    refetchInterval: csDashboardRefetchMs,
  });
