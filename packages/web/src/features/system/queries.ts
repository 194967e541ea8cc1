// The hub's own state: what it is and runs on, and whether each dependency answers.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

/** Version, build, runtime and database of this hub. */
export const useSystemInfo = () =>
  useQuery({
    queryKey: ['system-info'],
    queryFn: ({ signal }) => call('getSystemInfo', {}, { signal }),
  });

/** Each dependency's check; a hub that is not ready answers 503 with the same body. Every 10 s. */
export const useReadiness = () =>
  useQuery({
    queryKey: ['readiness'],
    queryFn: ({ signal }) => call('getReadiness', {}, { signal, acceptStatus: [503] }),
    refetchInterval: 10_000,
  });
