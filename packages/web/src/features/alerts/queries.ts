// The Alerts screen's data: one hook per list, and the key each list is cached under (a mutation
// invalidates the key to refetch the list everywhere it is shown).
import { useQuery } from '@tanstack/react-query';
import type { incidentStates } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useCursorList } from '../../ui/useCursorList.ts';

export const alertKeys = {
  rules: ['alert-rules'],
  maintenance: ['maintenance'],
  webhooks: ['webhooks'],
  smtp: ['smtp'],
} as const;

/** An incident's state, as the incidents list filters by it. */
export type IncidentState = (typeof incidentStates)[number];

/** Incidents in a state ('' for all), newest first, refreshed every 10 s. */
export const useIncidents = (orgId: string, state: IncidentState | '', organizationId = '') =>
  useCursorList(
    'listIncidents',
    { orgId },
    { state: state || undefined, organizationId: organizationId || undefined },
    50,
    10_000,
  );

/** What was sent (or kept), newest first, refreshed every 10 s; in a roll-up, of one organization or all. */
export const useDeliveries = (orgId: string, organizationId = '') =>
  useCursorList('listDeliveries', { orgId }, { organizationId: organizationId || undefined }, 50, 10_000);

export const useAlertRules = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.rules, orgId],
    queryFn: ({ signal }) => call('listAlertRules', { params: { orgId } }, { signal }),
  });

/** Maintenance windows, refreshed every 30 s so "muting alerts now" follows the clock. */
export const useMaintenanceWindows = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.maintenance, orgId],
    queryFn: ({ signal }) => call('listMaintenanceWindows', { params: { orgId } }, { signal }),
    refetchInterval: 30_000,
  });

export const useWebhooks = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.webhooks, orgId],
    queryFn: ({ signal }) => call('listWebhooks', { params: { orgId } }, { signal }),
  });

export const useSmtpSettings = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.smtp, orgId],
    queryFn: ({ signal }) => call('getOrgSmtp', { params: { orgId } }, { signal }),
  });
