import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';

/** Which queries each live event kind makes stale. */
const stale: Record<string, string[]> = {
  devices: ['devices', 'device', 'summary', 'org', 'clients', 'servers', 'incidents'],
  servers: ['servers', 'org', 'incidents'],
  jobs: ['jobs'],
  alerts: ['incidents', 'deliveries'],
};

/**
 * Subscribes to the organization's live events (SSE) and refetches what they touch, so screens
 * change without reload. EventSource reconnects by itself; the hook reports the connection state.
 */
export function useLiveEvents(orgId: string): 'live' | 'connecting' {
  const client = useQueryClient();
  const [state, setState] = useState<'live' | 'connecting'>('connecting');
  useEffect(() => {
    const source = new EventSource(`/api/v1/orgs/${orgId}/events`);
    const refetch = (kind: string) => {
      const keys = stale[kind] ?? [];
      void client.invalidateQueries({ predicate: (q) => keys.includes(String(q.queryKey[0])) });
    };
    source.addEventListener('hello', () => setState('live'));
    source.addEventListener('devices', () => refetch('devices'));
    source.addEventListener('servers', () => refetch('servers'));
    source.addEventListener('jobs', () => refetch('jobs'));
    source.addEventListener('alerts', () => refetch('alerts'));
    source.onerror = () => setState('connecting');
    return () => source.close();
  }, [orgId, client]);
  return state;
}
