// The Settings screen's data, and the keys mutations invalidate.
import { useQuery } from '@tanstack/react-query';
import type { AlertPreferences, LicenseStatus } from '@crosspoint/protocol';
import { api } from '../../api/client.ts';

export const settingsKeys = {
  alertPrefs: ['alert-prefs'],
  license: ['license'],
  tokens: ['tokens'],
} as const;

/** An API token as listed (its secret is shown once, when created, never again). */
export interface ApiToken {
  id: string;
  name: string;
  role: 'administrator' | 'monitor';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** The signed-in user's alert channels in every organization. */
export const useAlertPreferences = () =>
  useQuery({
    queryKey: settingsKeys.alertPrefs,
    queryFn: ({ signal }) => api.get<AlertPreferences>('/api/v1/me/alert-preferences', { signal }),
  });

export const useLicense = (orgId: string) =>
  useQuery({
    queryKey: [...settingsKeys.license, orgId],
    queryFn: ({ signal }) => api.get<LicenseStatus>(`/api/v1/orgs/${orgId}/license`, { signal }),
  });

export const useApiTokens = (orgId: string) =>
  useQuery({
    queryKey: [...settingsKeys.tokens, orgId],
    queryFn: ({ signal }) => api.get<{ items: ApiToken[] }>(`/api/v1/orgs/${orgId}/api-tokens`, { signal }),
  });
