import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CallSignal, OrgEventKind, UserEvent } from '@crosspoint/protocol';
import { urlOf } from '../api/client.ts';

/**
 * Which queries each kind of live event (LiveEvent in the protocol) makes stale, by the first
 * element of their key: a list's operation id (useCursorList keys a list by it, e.g. 'listDevices')
 * and the keys of the feature queries ('device', 'summary', 'org', 'jobs'…).
 */
const stale: Record<OrgEventKind, string[]> = {
  devices: [
    'devices',
    'listDevices',
    'device',
    'summary',
    'org',
    'clients',
    'listClients',
    'servers',
    'listServers',
    'incidents',
    'listIncidents',
    'getUsage',
    'listClientUsage',
    'getCollaborateSpaceDashboard',
  ],
  servers: ['servers', 'listServers', 'org', 'incidents', 'listIncidents'],
  jobs: ['jobs'],
  alerts: ['incidents', 'listIncidents', 'deliveries', 'listDeliveries'],
  campaigns: ['campaigns'],
  configurations: ['configurations', 'listConfigurationVersions'],
  conversations: ['conversations', 'messages', 'participants'],
  presence: ['participants'],
};

/**
 * Subscribes to the organization's live events (SSE) and refetches what they touch, so screens
 * change without reload. EventSource reconnects by itself; the hook reports the connection state.
 * The stream also carries the call signals meant for the signed-in person (`onCall`).
 */
export function useLiveEvents(orgId: string, onCall?: (signal: CallSignal) => void): 'live' | 'connecting' {
  const client = useQueryClient();
  const [state, setState] = useState<'live' | 'connecting'>('connecting');
  const callListener = useRef(onCall);
  useEffect(() => {
    callListener.current = onCall;
  }, [onCall]);
  useEffect(() => {
    const source = new EventSource(urlOf('liveEvents', { params: { orgId } }));
    source.addEventListener('hello', () => setState('live'));
    for (const kind of Object.keys(stale) as OrgEventKind[]) {
      const keys = stale[kind];
      source.addEventListener(kind, () => {
        void client.invalidateQueries({ predicate: (q) => keys.includes(String(q.queryKey[0])) });
      });
    }
    source.addEventListener('call', (e: MessageEvent<string>) => {
      const event = JSON.parse(e.data) as UserEvent;
      callListener.current?.(event.signal);
    });
    source.onerror = () => setState('connecting');
    return () => source.close();
  }, [orgId, client]);
  return state;
}
