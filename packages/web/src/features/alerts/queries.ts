// The Alerts screen's data: one hook per list, and the key each list is cached under (a mutation
// invalidates the key to refetch the list everywhere it is shown).
import { useQuery } from '@tanstack/react-query';
import type {
  AlertDelivery,
  AlertIncident,
  AlertRule,
  AlertWebhook,
  MaintenanceWindow,
  OrgSmtpSettings,
} from '@crosspoint/protocol';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../ui/useCursorList.ts';

export const alertKeys = {
  rules: ['alert-rules'],
  maintenance: ['maintenance'],
  webhooks: ['webhooks'],
  smtp: ['smtp'],
} as const;

/** Incidents in a state ('' for all), newest first, refreshed every 10 s. */
export const useIncidents = (orgId: string, state: string) =>
  useCursorList<AlertIncident>(
    'incidents',
    `/api/v1/orgs/${orgId}/alerts/incidents`,
    { state: state || undefined },
    50,
    10_000,
  );

/** What was sent (or kept), newest first, refreshed every 10 s. */
export const useDeliveries = (orgId: string) =>
  useCursorList<AlertDelivery>('deliveries', `/api/v1/orgs/${orgId}/alerts/deliveries`, {}, 50, 10_000);

export const useAlertRules = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.rules, orgId],
    queryFn: ({ signal }) =>
      api.get<{ items: AlertRule[] }>(`/api/v1/orgs/${orgId}/alerts/rules`, { signal }),
  });

/** Maintenance windows, refreshed every 30 s so "muting alerts now" follows the clock. */
export const useMaintenanceWindows = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.maintenance, orgId],
    queryFn: ({ signal }) =>
      api.get<{ items: MaintenanceWindow[] }>(`/api/v1/orgs/${orgId}/alerts/maintenance-windows`, { signal }),
    refetchInterval: 30_000,
  });

export const useWebhooks = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.webhooks, orgId],
    queryFn: ({ signal }) =>
      api.get<{ items: AlertWebhook[] }>(`/api/v1/orgs/${orgId}/alerts/webhooks`, { signal }),
  });

export const useSmtpSettings = (orgId: string) =>
  useQuery({
    queryKey: [...alertKeys.smtp, orgId],
    queryFn: ({ signal }) => api.get<OrgSmtpSettings>(`/api/v1/orgs/${orgId}/alerts/smtp`, { signal }),
  });
