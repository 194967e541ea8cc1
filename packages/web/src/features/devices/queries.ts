// The devices' data shared by the screens: counts (dashboard, the list's filters), one device's
// detail, and the jobs a device action started. Live events invalidate the keys' first elements
// ('summary', 'device', 'jobs': live/useLiveEvents.ts).
import { useQuery } from '@tanstack/react-query';
import type { Job } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { unlessJustFetched } from '../../ui/useCursorList.ts';

/** The organization's device counts (the same key for the hook and a prefetch). */
export const deviceSummaryQuery = (orgId: string) => ({
  queryKey: ['summary', orgId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call('getDeviceSummary', { params: { orgId } }, { signal }),
  refetchOnMount: unlessJustFetched,
});

export const useDeviceSummary = (orgId: string, options: { refetchInterval?: number } = {}) =>
  useQuery({ ...deviceSummaryQuery(orgId), ...options });

/**
 * One device's availability per UTC day (30 days); refreshed with the device (its key starts as the
 * device's does, so the live events that refresh the device refresh it too).
 */
export const useDeviceAvailability = (orgId: string, deviceId: string) =>
  useQuery({
    queryKey: ['device', orgId, deviceId, 'availability'],
    queryFn: ({ signal }) =>
      call('getDeviceAvailability', { params: { orgId, deviceId }, query: { days: 30 } }, { signal }),
  });

/** One device's facts and its status timeline. */
export const useDevice = (orgId: string, deviceId: string) =>
  useQuery({
    queryKey: ['device', orgId, deviceId],
    queryFn: ({ signal }) => call('getDevice', { params: { orgId, deviceId } }, { signal }),
  });

const finished = (j: Job) => j.status === 'succeeded' || j.status === 'failed';

/** The jobs started by one action, polled every second until each has finished. */
export const useJobs = (orgId: string, jobIds: string[]) =>
  useQuery({
    queryKey: ['jobs', orgId, jobIds],
    queryFn: ({ signal }) =>
      Promise.all(jobIds.map((jobId) => call('getJob', { params: { orgId, jobId } }, { signal }))),
    enabled: jobIds.length > 0,
    refetchInterval: (q) => (q.state.data?.every(finished) ? false : 1000),
  });
