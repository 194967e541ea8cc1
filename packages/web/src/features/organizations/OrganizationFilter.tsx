import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgRef } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import type { Column } from '../../ui/DataTable.tsx';

/**
 * Whether the current organization's lists are its roll-up: a support organization sees its own
 * rows and every client's, each with its organization.
 */
export function useRollup(): boolean {
  return useOrg().session.currentOrg?.kind === 'support';
}

/** A roll-up's organizations: the support organization itself, then its clients by name (up to 500). */
function useRollupOrganizations(enabled: boolean): OrgRef[] {
  const { orgId, session } = useOrg();
  const clients = useQuery({
    queryKey: ['listClients', orgId, 'roll-up'],
    queryFn: ({ signal }) =>
      call('listClients', { params: { orgId }, query: { sort: 'name', limit: 500 } }, { signal }),
    enabled,
    staleTime: 60_000,
  });
  const own = session.currentOrg ? [{ id: orgId, name: session.currentOrg.name }] : [];
  return [...own, ...(clients.data?.items ?? []).map((c) => ({ id: c.id, name: c.name }))];
}

/** A roll-up list's filter to one organization; nothing outside a roll-up. */
export function OrganizationFilter({
  value,
  onChange,
}: {
  value: string;
  /** '' for all organizations; with the organization's name. */
  onChange: (organizationId: string, name: string) => void;
}) {
  const { t } = useTranslation();
  const rollup = useRollup();
  const organizations = useRollupOrganizations(rollup);
  if (!rollup) return null;
  return (
    <select
      aria-label={t('devices.filterOrganization')}
      value={value}
      onChange={(e) =>
        onChange(e.target.value, organizations.find((o) => o.id === e.target.value)?.name ?? '')
      }
    >
      <option value="">{t('devices.anyOrganization')}</option>
      {organizations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/** The Organization column of a roll-up list (none outside a roll-up). */
export function organizationColumn<T>(
  label: string,
  rollup: boolean,
  organizationOf: (row: T) => OrgRef | null,
): Column<T>[] {
  return rollup ? [{ key: 'organization', label, render: (row: T) => organizationOf(row)?.name ?? '—' }] : [];
}
