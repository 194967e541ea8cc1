// Usage metering: an organization's days for a month, a support organization's clients for a month.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

export const useUsage = (orgId: string, month: string) =>
  useQuery({
    queryKey: ['getUsage', orgId, month],
    queryFn: ({ signal }) => call('getUsage', { params: { orgId }, query: { month } }, { signal }),
  });

export const useClientUsage = (orgId: string, month: string, enabled = true) =>
  useQuery({
    queryKey: ['listClientUsage', orgId, month],
    queryFn: ({ signal }) => call('listClientUsage', { params: { orgId }, query: { month } }, { signal }),
    enabled,
  });
