import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OidcClaimRole, OidcProvider, Role, SaveOidcProviderRequest } from '@crosspoint/protocol';
import { roles } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * Settings › Sign-in › OpenID Connect: the organization's providers (in the platform organization,
 * the hub's: each rule then names its organization). Shows the redirect URI to register at the
 * provider and each provider's sign-in link; the client secret is write-only.
 */
export function OidcProvidersPanel() {
  const { t } = useTranslation();
  const { orgId, session, can } = useOrg();
  const client = useQueryClient();
  const key = ['listOidcProviders', orgId];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call('listOidcProviders', { params: { orgId } }, { signal }),
    enabled: can('users.manage'),
  });
  const [editing, setEditing] = useState<OidcProvider | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const hubWide = session.currentOrg?.kind === 'platform';
  if (!can('users.manage')) return null;

  const refresh = () => client.invalidateQueries({ queryKey: key });
  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  const remove = (p: OidcProvider) => {
    if (!window.confirm(t('oidc.deleteConfirm', { name: p.name }))) return;
    void act(() => call('removeOidcProvider', { params: { orgId, providerId: p.id } }));
  };
  const toggle = (p: OidcProvider) =>
    void act(() =>
      call('setOidcProviderEnabled', {
        params: { orgId, providerId: p.id },
        body: { enabled: !p.enabled },
      }),
    );

  const columns: Column<OidcProvider>[] = [
    { key: 'name', label: t('common.name'), render: (p) => p.name },
    { key: 'issuer', label: t('oidc.issuer'), render: (p) => <code>{p.issuer}</code> },
    {
      key: 'enabled',
      label: t('common.enabled'),
      render: (p) => (p.enabled ? t('common.yes') : t('common.no')),
    },
    {
      key: 'link',
      label: t('oidc.signInLink'),
      render: (p) => (
        <>
          <code>{p.signInUrl}</code>{' '}
          <CopyButton text={p.signInUrl} label={t('oidc.copySignInLink', { name: p.name })} />
        </>
      ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (p) => (
        <span className="row-actions">
          {[
            { label: t('common.edit'), named: 'oidc.editNamed', run: () => setEditing(p) },
            p.enabled
              ? { label: t('oidc.disable'), named: 'oidc.disableNamed', run: () => toggle(p) }
              : { label: t('oidc.enable'), named: 'oidc.enableNamed', run: () => toggle(p) },
            { label: t('common.delete'), named: 'oidc.deleteNamed', run: () => remove(p), danger: true },
          ].map((a) => (
            <button
              key={a.named}
              type="button"
              className={a.danger ? 'link danger' : 'link'}
              aria-label={t(a.named, { name: p.name })}
              onClick={a.run}
            >
              {a.label}
            </button>
          ))}
        </span>
      ),
    },
  ];

  return (
    <section aria-labelledby="oidc-providers-title">
      <h2 id="oidc-providers-title">{t('oidc.title')}</h2>
      <p className="muted">{t(hubWide ? 'oidc.introHubWide' : 'oidc.intro')}</p>
      {list.data && (
        <p>
          {t('oidc.redirectUri')}: <code data-testid="oidc-redirect-uri">{list.data.redirectUri}</code>{' '}
          <CopyButton text={list.data.redirectUri} label={t('oidc.copyRedirectUri')} />
        </p>
      )}
      <FormError error={error ?? list.error} />
      <DataTable
        label={t('oidc.title')}
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(p) => p.id}
        empty={list.data && t('oidc.none')}
      />
      <p>
        <button type="button" onClick={() => setEditing('new')}>
          {t('oidc.add')}
        </button>
      </p>
      {editing && (
        <ProviderDialog
          provider={editing === 'new' ? null : editing}
          hubWide={hubWide}
          redirectUri={list.data?.redirectUri ?? ''}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await refresh();
          }}
        />
      )}
    </section>
  );
}

interface RuleRow {
  value: string;
  role: Role;
  orgId: string;
}

function ProviderDialog({
  provider,
  hubWide,
  redirectUri,
  onClose,
  onSaved,
}: {
  provider: OidcProvider | null;
  hubWide: boolean;
  redirectUri: string;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { orgId, session } = useOrg();
  const [name, setName] = useState(provider?.name ?? '');
  const [issuer, setIssuer] = useState(provider?.issuer ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [dropSecret, setDropSecret] = useState(false);
  const [scopes, setScopes] = useState(provider?.scopes ?? 'openid email profile');
  const [roleClaim, setRoleClaim] = useState(provider?.roleClaim ?? 'groups');
  const [rules, setRules] = useState<RuleRow[]>(
    provider?.claimRoles.map((r) => ({ value: r.value, role: r.role, orgId: r.orgId ?? '' })) ?? [],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const orgs = session.organizations.filter((o) => o.kind !== 'platform');

  const setRule = (i: number, change: Partial<RuleRow>) =>
    setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const claimRoles: OidcClaimRole[] = rules.map((r) =>
      hubWide ? { value: r.value, role: r.role, orgId: r.orgId } : { value: r.value, role: r.role },
    );
    const body: SaveOidcProviderRequest = {
      name,
      issuer,
      clientId,
      scopes,
      roleClaim,
      claimRoles,
      clientSecret: dropSecret ? null : clientSecret,
      ...(provider ? { enabled: provider.enabled } : {}),
    };
    try {
      if (provider) {
        await call('updateOidcProvider', { params: { orgId, providerId: provider.id }, body });
      } else {
        await call('createOidcProvider', { params: { orgId }, body });
      }
      await onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={provider ? t('oidc.editNamed', { name: provider.name }) : t('oidc.addTitle')}
      open
      onClose={onClose}
      wide
    >
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="muted">
          {t('oidc.redirectUri')}: <code>{redirectUri}</code>
        </p>
        <TextField
          id="oidc-name"
          label={t('oidc.name')}
          value={name}
          onChange={setName}
          hint={t('oidc.nameHint')}
          required
          maxLength={80}
        />
        <TextField
          id="oidc-issuer"
          label={t('oidc.issuer')}
          value={issuer}
          onChange={setIssuer}
          type="url"
          placeholder="https://login.example.com/realms/acme"
          required
        />
        <TextField
          id="oidc-client-id"
          label={t('oidc.clientId')}
          value={clientId}
          onChange={setClientId}
          required
        />
        <TextField
          id="oidc-client-secret"
          label={t('oidc.clientSecret')}
          value={clientSecret}
          onChange={setClientSecret}
          type="password"
          autoComplete="new-password"
          disabled={dropSecret}
          hint={provider?.clientSecretSet ? t('oidc.clientSecretKept') : t('oidc.clientSecretHint')}
        />
        {provider?.clientSecretSet && (
          <label className="check">
            <input type="checkbox" checked={dropSecret} onChange={(e) => setDropSecret(e.target.checked)} />{' '}
            {t('oidc.removeSecret')}
          </label>
        )}
        <TextField id="oidc-scopes" label={t('oidc.scopes')} value={scopes} onChange={setScopes} required />
        <TextField
          id="oidc-role-claim"
          label={t('oidc.roleClaim')}
          value={roleClaim}
          onChange={setRoleClaim}
          hint={t('oidc.roleClaimHint')}
          required
        />
        <fieldset>
          <legend>{t('oidc.rules')}</legend>
          {rules.length === 0 && <p className="muted">{t('oidc.noRules')}</p>}
          {rules.map((r, i) => {
            const n = i + 1;
            return (
              <div className="form row" key={i}>
                <TextField
                  id={`oidc-rule-value-${String(n)}`}
                  label={t('oidc.claimValue', { n })}
                  value={r.value}
                  onChange={(value) => setRule(i, { value })}
                  required
                />
                <div className="field">
                  <label htmlFor={`oidc-rule-role-${String(n)}`}>{t('oidc.role', { n })}</label>
                  <select
                    id={`oidc-rule-role-${String(n)}`}
                    value={r.role}
                    onChange={(e) => setRule(i, { role: e.target.value as Role })}
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {hubWide && (
                  <div className="field">
                    <label htmlFor={`oidc-rule-org-${String(n)}`}>{t('oidc.organization', { n })}</label>
                    <select
                      id={`oidc-rule-org-${String(n)}`}
                      value={r.orgId}
                      onChange={(e) => setRule(i, { orgId: e.target.value })}
                      required
                    >
                      <option value="">{t('oidc.chooseOrganization')}</option>
                      {orgs.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <button
                  type="button"
                  className="link danger"
                  onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}
                >
                  {t('oidc.removeRule', { n })}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="secondary"
            onClick={() => setRules((rs) => [...rs, { value: '', role: 'monitor', orgId: '' }])}
          >
            {t('oidc.addRule')}
          </button>
        </fieldset>
        <FormError error={error} />
        <div className="row-actions">
          <button type="submit" disabled={busy}>
            {t('common.save')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
