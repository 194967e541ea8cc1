// Device counts by status, model and location, shared by the dashboard and the device list's filters.
import { useQuery } from '@tanstack/react-query';
import type { DeviceSummary } from '@crosspoint/protocol';
import { api } from '../../api/client.ts';

export const useDeviceSummary = (orgId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({
    queryKey: ['summary', orgId],
    queryFn: ({ signal }) => api.get<DeviceSummary>(`/api/v1/orgs/${orgId}/devices/summary`, { signal }),
    ...options,
  });
