import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  directoryLoginAttributes,
  roles,
  type DirectoryGroupRole,
  type OrgDirectory,
  type Role,
  type UpdateOrgDirectoryRequest,
} from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { DirectoryTestFailure, DirectoryUserTest } from './DirectoryUserTest.tsx';

type Security = 'none' | 'ldaps' | 'starttls';
const securities: Security[] = ['none', 'ldaps', 'starttls'];
const defaultPorts = { ldap: '389', ldaps: '636' };

type TextSetting = 'domain' | 'url' | 'bindDn' | 'userBase' | 'userFilter' | 'groupAttribute';

interface Form {
  enabled: boolean;
  domain: string;
  url: string;
  security: Security;
  verifyCertificate: boolean;
  caCertificate: string;
  bindDn: string;
  bindPassword: string;
  userBase: string;
  userFilter: string;
  loginAttribute: string;
  groupAttribute: string;
  groupRoles: DirectoryGroupRole[];
}

const emptyForm: Form = {
  enabled: true,
  domain: '',
  url: 'ldap://',
  security: 'none',
  verifyCertificate: true,
  caCertificate: '',
  bindDn: '',
  bindPassword: '',
  userBase: '',
  userFilter: '(objectClass=person)',
  loginAttribute: 'sAMAccountName',
  groupAttribute: 'memberOf',
  groupRoles: [{ group: '', role: 'monitor' }],
};

const formOf = (d: OrgDirectory): Form => ({
  enabled: d.enabled,
  domain: d.domain,
  url: d.url,
  security: d.url.toLowerCase().startsWith('ldaps:') ? 'ldaps' : d.startTls ? 'starttls' : 'none',
  verifyCertificate: d.verifyCertificate,
  caCertificate: d.caCertificate ?? '',
  bindDn: d.bindDn,
  bindPassword: '',
  userBase: d.userBase,
  userFilter: d.userFilter,
  loginAttribute: d.loginAttribute,
  groupAttribute: d.groupAttribute ?? '',
  groupRoles: d.groupRoles,
});

/** The URL with the scheme (and the usual port, when it had the other usual one) of a security mode. */
function urlFor(url: string, security: Security): string {
  const scheme = security === 'ldaps' ? 'ldaps' : 'ldap';
  const other = scheme === 'ldaps' ? 'ldap' : 'ldaps';
  const rest = url.replace(/^ldaps?:\/\//i, '');
  return `${scheme}://${rest.replace(new RegExp(`:${defaultPorts[other]}$`), `:${defaultPorts[scheme]}`)}`;
}

const requestOf = (f: Form): UpdateOrgDirectoryRequest => ({
  enabled: f.enabled,
  domain: f.domain.trim(),
  url: f.url.trim(),
  startTls: f.security === 'starttls',
  verifyCertificate: f.verifyCertificate,
  caCertificate: f.caCertificate.trim() ? f.caCertificate.trim() : null,
  bindDn: f.bindDn.trim(),
  ...(f.bindPassword ? { bindPassword: f.bindPassword } : {}),
  userBase: f.userBase.trim(),
  userFilter: f.userFilter.trim(),
  loginAttribute: f.loginAttribute.trim(),
  groupAttribute: f.groupAttribute.trim() ? f.groupAttribute.trim() : null,
  groupRoles: f.groupRoles.filter((g) => g.group.trim() !== ''),
});

/**
 * Settings › Sign-in › LDAP / Active Directory: the organization's directory (people sign in as
 * DOMAIN\name or name@domain), its group → role rules, "Test connection" with the form as it is,
 * and "Test a user" with the saved settings. The bind password is write-only.
 */
export function DirectoryPanel() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const key = ['getOrgDirectory', orgId];
  const settings = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call('getOrgDirectory', { params: { orgId } }, { signal }),
    enabled: can('users.manage'),
  });
  const saved = settings.data?.directory ?? null;
  const [form, setForm] = useState<Form>(emptyForm);
  const [shown, setShown] = useState<OrgDirectory | null | undefined>(undefined);
  if (settings.data && saved !== shown) {
    setShown(saved);
    setForm(saved ? formOf(saved) : emptyForm);
  }
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!can('users.manage')) return null;

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setGroup = (i: number, change: Partial<DirectoryGroupRole>) =>
    setForm((f) => ({ ...f, groupRoles: f.groupRoles.map((g, j) => (j === i ? { ...g, ...change } : g)) }));

  /** A text setting of the form (id `directory-<key>`). */
  const field = (
    k: TextSetting,
    label: string,
    more: { placeholder?: string; required?: boolean; hint?: string } = {},
  ) => (
    <TextField
      id={`directory-${k}`}
      label={label}
      value={form[k]}
      onChange={(v) => set(k, v)}
      autoComplete="off"
      {...more}
    />
  );

  const run = async (work: () => Promise<string>) => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      setMessage(await work());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('updateOrgDirectory', { params: { orgId }, body: requestOf(form) });
      await client.invalidateQueries({ queryKey: key });
      return t('directory.saved');
    });
  };
  const remove = () => {
    if (!window.confirm(t('directory.removeConfirm'))) return;
    void run(async () => {
      await call('removeOrgDirectory', { params: { orgId } });
      await client.invalidateQueries({ queryKey: key });
      return t('directory.removed');
    });
  };
  const test = () =>
    void run(async () => {
      const r = await call('testOrgDirectory', { params: { orgId }, body: requestOf(form) });
      return r.more
        ? t('directory.testOkMore', { count: r.people })
        : t('directory.testOk', { count: r.people });
    });

  const attributeChoices = directoryLoginAttributes.includes(
    form.loginAttribute as (typeof directoryLoginAttributes)[number],
  )
    ? directoryLoginAttributes
    : [...directoryLoginAttributes, form.loginAttribute];

  return (
    <section aria-labelledby="directory-title">
      <h2 id="directory-title">{t('directory.title')}</h2>
      <p className="muted">{t('directory.intro')}</p>
      {settings.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <form onSubmit={save} className="form card" aria-labelledby="directory-title">
          <label className="check">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(e) => set('enabled', e.target.checked)}
            />{' '}
            {t('directory.enabled')}
          </label>
          {field('domain', t('directory.domain'), {
            required: true,
            placeholder: 'GLOBEX',
            hint: t('directory.domainHint', { domain: form.domain.trim() || 'GLOBEX' }),
          })}
          <fieldset>
            <legend>{t('directory.server')}</legend>
            <div className="row">
              {field('url', t('directory.url'), {
                required: true,
                placeholder: 'ldap://dc1.globex.example:389',
              })}
              <div className="field">
                <label htmlFor="directory-security">{t('directory.security')}</label>
                <select
                  id="directory-security"
                  value={form.security}
                  onChange={(e) => {
                    const next = e.target.value as Security;
                    setForm((f) => ({ ...f, security: next, url: urlFor(f.url, next) }));
                  }}
                >
                  {securities.map((s) => (
                    <option key={s} value={s}>
                      {t(`directory.securityModes.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={form.verifyCertificate}
                onChange={(e) => set('verifyCertificate', e.target.checked)}
              />{' '}
              {t('directory.verifyCertificate')}
            </label>
            <div className="field">
              <label htmlFor="directory-ca">{t('directory.caCertificate')}</label>
              <textarea
                id="directory-ca"
                rows={3}
                value={form.caCertificate}
                onChange={(e) => set('caCertificate', e.target.value)}
                placeholder="-----BEGIN CERTIFICATE-----"
                spellCheck={false}
              />
            </div>
            <div className="row">
              {field('bindDn', t('directory.bindDn'), {
                required: true,
                placeholder: 'CN=svc-crosspoint,OU=Service,DC=globex,DC=example',
              })}
              <PasswordInput
                label={t('directory.bindPassword')}
                value={form.bindPassword}
                onChange={(v) => set('bindPassword', v)}
                autoComplete="new-password"
                required={!saved}
                placeholder={saved ? t('directory.bindPasswordKept') : ''}
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('directory.people')}</legend>
            {field('userBase', t('directory.userBase'), {
              required: true,
              placeholder: 'OU=Staff,DC=globex,DC=example',
            })}
            <div className="row">
              {field('userFilter', t('directory.userFilter'), { placeholder: '(objectClass=person)' })}
              <div className="field">
                <label htmlFor="directory-login-attribute">{t('directory.loginAttribute')}</label>
                <select
                  id="directory-login-attribute"
                  value={form.loginAttribute}
                  onChange={(e) => set('loginAttribute', e.target.value)}
                >
                  {attributeChoices.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              </div>
              {field('groupAttribute', t('directory.groupAttribute'), {
                placeholder: 'memberOf',
                hint: t('directory.groupAttributeHint'),
              })}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('directory.groupRoles')}</legend>
            <p className="muted">{t('directory.groupRolesHint')}</p>
            {form.groupRoles.map((g, i) => {
              const n = i + 1;
              return (
                <div className="row" key={i}>
                  <TextField
                    id={`directory-group-${String(n)}`}
                    label={t('directory.group', { n })}
                    value={g.group}
                    onChange={(v) => setGroup(i, { group: v })}
                    placeholder="CN=AV Admins,OU=Groups,DC=globex,DC=example"
                    autoComplete="off"
                  />
                  <div className="field">
                    <label htmlFor={`directory-group-role-${String(n)}`}>
                      {t('directory.groupRole', { n })}
                    </label>
                    <select
                      id={`directory-group-role-${String(n)}`}
                      value={g.role}
                      onChange={(e) => setGroup(i, { role: e.target.value as Role })}
                    >
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('directory.removeGroup', { n })}
                    onClick={() =>
                      set(
                        'groupRoles',
                        form.groupRoles.filter((_, j) => j !== i),
                      )
                    }
                  >
                    {t('directory.removeGroupShort')}
                  </button>
                </div>
              );
            })}
            <div className="actions">
              <button
                type="button"
                className="secondary"
                onClick={() => set('groupRoles', [...form.groupRoles, { group: '', role: 'monitor' }])}
              >
                {t('directory.addGroup')}
              </button>
            </div>
          </fieldset>
          <div className="actions">
            <button type="button" className="secondary" onClick={test} disabled={busy} aria-busy={busy}>
              {t('directory.testConnection')}
            </button>
            {saved && (
              <button type="button" className="secondary" onClick={remove} disabled={busy}>
                {t('directory.remove')}
              </button>
            )}
            <button type="submit" disabled={busy}>
              {t('directory.save')}
            </button>
          </div>
          {message && <p role="status">{message}</p>}
          <DirectoryTestFailure error={error} />
          <FormError error={settings.error} />
        </form>
      )}
      {saved && <DirectoryUserTest />}
    </section>
  );
}
