import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role, UserRow } from '@crosspoint/protocol';
import { roles, userSortKeys } from '@crosspoint/protocol';
import { uiLanguageOf, uiLanguages, type UiLanguage } from '../../i18n/i18n.ts';
import { call, type CallAnswer } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDate } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { useCsLinks } from '../collaborate-space/queries.ts';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../../ui/ListToolbar.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { StatusFilter } from '../../ui/StatusFilter.tsx';
import { usersKey, useUsers } from './queries.ts';
import { useDebounced } from '../../ui/useDebounced.ts';
import { isOneOf } from '../../ui/oneOf.ts';

const userStatuses = ['Invited', 'Registered'] as const;

export function UsersScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { orgId, can, session } = useOrg();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<(typeof userStatuses)[number] | ''>('');
  const [sort, setSort] = useState<{ sort: (typeof userSortKeys)[number]; order: 'asc' | 'desc' }>({
    sort: 'name',
    order: 'asc',
  });
  const [inviting, setInviting] = useState(false);
  const debounced = useDebounced(search);
  const list = useUsers(orgId, {
    search: debounced,
    role: role || undefined,
    status: status || undefined,
    ...sort,
  });
  const manage = can('users.manage');
  const refresh = () => client.invalidateQueries({ queryKey: usersKey });
  const changeRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) =>
      call('changeUserRole', { params: { orgId, userId: id }, body: { role } }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('removeUser', { params: { orgId, userId: id } }),
    onSettled: refresh,
  });
  const resend = useMutation({
    mutationFn: (id: string) => call('resendInvitation', { params: { orgId, userId: id } }),
  });

  const columns: Column<UserRow>[] = [
    {
      key: 'status',
      label: t('common.status'),
      sort: 'status',
      render: (u) => <StatusBadge status={u.status} since={formatDate(u.statusSince, lng)} />,
    },
    { key: 'name', label: t('common.name'), sort: 'name', render: (u) => u.name },
    { key: 'email', label: t('auth.email'), sort: 'email', render: (u) => u.email },
    {
      key: 'role',
      label: t('users.role'),
      sort: 'role',
      render: (u) =>
        manage && u.id !== session.user.id ? (
          <select
            aria-label={t('users.roleOf', { email: u.email })}
            value={u.role}
            onChange={(e) => {
              if (isOneOf(roles, e.target.value)) changeRole.mutate({ id: u.id, role: e.target.value });
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r} disabled={r === 'owner' && !can('owners.manage')}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`roles.${u.role}`)
        ),
    },
    {
      key: 'last',
      label: t('users.lastAccessed'),
      sort: 'lastAccessedAt',
      render: (u) => (u.lastAccessedAt ? formatDate(u.lastAccessedAt, lng) : t('common.never')),
    },
    {
      key: 'twoFactor',
      label: t('users.twoFactor'),
      render: (u) => (u.twoFactor ? t('twoFactor.on') : t('twoFactor.off')),
    },
    {
      key: 'type',
      label: t('users.type'),
      render: (u) => t(`users.types.${u.type}`, { defaultValue: u.type }),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (u) =>
        manage && u.id !== session.user.id ? (
          <span className="row-actions">
            {u.status === 'Invited' && (
              <button type="button" className="link" onClick={() => resend.mutate(u.id)}>
                {t('users.resend')}
              </button>
            )}
            <button
              type="button"
              className="link danger"
              onClick={() => {
                if (window.confirm(t('users.confirmRemove', { email: u.email }))) remove.mutate(u.id);
              }}
            >
              {t('users.remove')}
            </button>
          </span>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="users-title">
      <div className="screen-head">
        <h1 id="users-title">{t('nav.users')}</h1>
        {manage && (
          <button type="button" onClick={() => setInviting(true)}>
            {t('users.add')}
          </button>
        )}
      </div>
      <ListToolbar
        search={search}
        onSearch={setSearch}
        placeholder={t('users.searchPlaceholder')}
        searchLabel={t('users.search')}
        count={t('users.count', { count: list.total })}
        total={list.total}
        shown={list.items.length}
      >
        <select
          aria-label={t('users.filterRole')}
          value={role}
          onChange={(e) => setRole(isOneOf(roles, e.target.value) ? e.target.value : '')}
        >
          <option value="">{t('users.allRoles')}</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <StatusFilter value={status} onChange={setStatus} statuses={userStatuses} />
      </ListToolbar>
      <FormError error={changeRole.error ?? remove.error ?? resend.error ?? list.error} />
      {resend.isSuccess && <p role="status">{t('users.resent')}</p>}
      <DataTable
        label={t('nav.users')}
        columns={columns}
        rows={list.items}
        rowKey={(u) => u.id}
        sort={sort.sort}
        order={sort.order}
        onSort={(s, o) => {
          if (isOneOf(userSortKeys, s)) setSort({ sort: s, order: o });
        }}
        empty={
          list.isPending
            ? t('users.loading')
            : debounced || role || status
              ? t('users.noMatch')
              : t('users.empty')
        }
      />
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        orgId={orgId}
        canOwners={can('owners.manage')}
        onDone={() => void refresh()}
      />
    </section>
  );
}

function InviteDialog({
  open,
  onClose,
  orgId,
  canOwners,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  orgId: string;
  canOwners: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [emails, setEmails] = useState('');
  const [role, setRole] = useState<Role>('monitor');
  // The screens' language when it is one the invitation can be written in (a tag like "en-GB" or
  // i18next's "cimode" is not a language the hub takes).
  const [language, setLanguage] = useState<UiLanguage>(() => uiLanguageOf(i18n.language) ?? 'en');
  const [result, setResult] = useState<CallAnswer<'inviteUsers'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Also as COLLABORATE Space users: offered when the signed-in person's CS link may create users.
  const csLink = useCsLinks(orgId).data?.person;
  const [alsoCs, setAlsoCs] = useState(false);
  const [csResults, setCsResults] = useState<CallAnswer<'createCollaborateSpaceUsers'>['results'] | null>(
    null,
  );
  const list = emails
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setResult(await call('inviteUsers', { params: { orgId }, body: { emails: list, role, language } }));
      setCsResults(
        alsoCs && csLink?.canCreateUsers
          ? (
              await call('createCollaborateSpaceUsers', {
                params: { orgId },
                body: { people: list.map((email) => ({ email })) },
              })
            ).results
          : null,
      );
      setEmails('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const close = () => {
    setResult(null);
    setCsResults(null);
    setError(null);
    onClose();
  };
  return (
    <Dialog title={t('users.add')} open={open} onClose={close}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="invite-emails">{t('users.emails')}</label>
          <textarea
            id="invite-emails"
            rows={4}
            value={emails}
            onChange={(e) => setEmails(e.target.value)}
            autoFocus
          />
          <span className="muted">{t('users.addressCount', { count: list.length })}</span>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="invite-role">{t('users.role')}</label>
            <select
              id="invite-role"
              value={role}
              onChange={(e) => {
                if (isOneOf(roles, e.target.value)) setRole(e.target.value);
              }}
            >
              {roles.map((r) => (
                <option key={r} value={r} disabled={r === 'owner' && !canOwners}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="invite-language">{t('settings.language')}</label>
            <select
              id="invite-language"
              value={language}
              onChange={(e) => setLanguage(uiLanguageOf(e.target.value) ?? 'en')}
            >
              {uiLanguages.map((l) => (
                <option key={l} value={l}>
                  {t(`users.languages.${l}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {csLink?.canCreateUsers && (
          <label className="check">
            <input type="checkbox" checked={alsoCs} onChange={(e) => setAlsoCs(e.target.checked)} />{' '}
            {t('collaborateSpace.alsoCreate')}
          </label>
        )}
        <FormError error={error} />
        {csResults && (
          <ul aria-label={t('collaborateSpace.createResults')} data-testid="cs-create-results">
            {csResults.map((r) => (
              <li key={r.email} className={r.created ? undefined : 'error'}>
                {r.created
                  ? t('collaborateSpace.created', { email: r.email })
                  : t('collaborateSpace.notCreated', {
                      email: r.email,
                      reason: t(`collaborateSpace.failed.${r.step ?? 'other'}`),
                    })}
              </li>
            ))}
          </ul>
        )}
        {result && (
          <p role="status">
            {t('users.invitedCount', { count: result.invited.length })}
            {result.added.length ? t('users.addedCount', { count: result.added.length }) : ''}
            {result.alreadyMembers.length
              ? t('users.alreadyMembers', { count: result.alreadyMembers.length })
              : ''}
            .
          </p>
        )}
        <div className="actions">
          <button type="button" className="secondary" onClick={close}>
            {result ? t('common.done') : t('common.cancel')}
          </button>
          <button type="submit" disabled={list.length === 0}>
            {t('common.add')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
