import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Permission, SessionInfo } from '@crosspoint/protocol';
import { ApiError, call, onUnauthenticated, setCsrfToken } from '../api/client.ts';
import { errorMessage } from '../i18n/labels.ts';

export const sessionKey = ['session'] as const;

interface SessionState {
  /** undefined while loading, null when signed out. */
  session: SessionInfo | null | undefined;
  can: (permission: Permission) => boolean;
  /** Put a fresh session answer (sign-in, switch) in place without a round trip. */
  replace: (session: SessionInfo | null) => void;
}

const SessionContext = createContext<SessionState | null>(null);

async function loadSession(signal: AbortSignal): Promise<SessionInfo | null> {
  try {
    return await call('getSession', {}, { signal });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

const sessionQuery = {
  queryKey: sessionKey,
  queryFn: ({ signal }: { signal: AbortSignal }) => loadSession(signal),
  staleTime: 60_000,
  retry: 1,
};

/**
 * Asks for the session at once, before the first render (main.tsx): the answer is usually in the
 * query cache by the time SessionProvider mounts, instead of its request starting only then, and a
 * screen's first request (which needs the organization it names) leaves earlier.
 */
export function prefetchSession(client: QueryClient): Promise<SessionInfo | null | undefined> {
  return client.query(sessionQuery).catch(() => undefined); // SessionProvider shows the error, if any.
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const { data, error } = useQuery(sessionQuery);
  useEffect(() => setCsrfToken(data?.csrfToken ?? null), [data]);
  useEffect(
    () =>
      onUnauthenticated(() => {
        client.setQueryData(sessionKey, null);
      }),
    [client],
  );
  if (error && data === undefined) {
    return (
      <p role="alert" className="error page-message">
        {t('shell.hubUnreachable', { message: errorMessage(t, i18n.language, error) })}{' '}
        <button type="button" onClick={() => void client.invalidateQueries({ queryKey: sessionKey })}>
          {t('common.tryAgain')}
        </button>
      </p>
    );
  }
  const state: SessionState = {
    session: data,
    can: (p) => data?.permissions.includes(p) ?? false,
    replace: (s) => {
      setCsrfToken(s?.csrfToken ?? null);
      client.setQueryData(sessionKey, s);
      if (s === null) client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      else void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in session with a current organization (screens under the shell). */
export function useOrg(): { session: SessionInfo; orgId: string; can: (p: Permission) => boolean } {
  const { session, can } = useSession();
  if (!session?.currentOrg) throw new Error('useOrg without a current organization');
  return { session, orgId: session.currentOrg.id, can };
}
