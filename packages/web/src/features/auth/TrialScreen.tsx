import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api/client.ts';
import { FormError } from '../../ui/FormError.tsx';
import { PublicFrame } from './PublicFrame.tsx';

/** A labelled input of the sign-up form; `hint` is read with it (and says what is wrong, if anything). */
function Field({
  id,
  label,
  hint,
  invalid = false,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  invalid?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(hintId)}
      {hint && (
        <p id={hintId} className={invalid ? 'error' : 'muted'}>
          {hint}
        </p>
      )}
    </div>
  );
}

const empty = {
  expectedDevices: '5',
  firstName: '',
  lastName: '',
  company: '',
  email: '',
  phone: '',
  website: '',
  country: '',
  city: '',
};

/**
 * Start a free trial (when the operator offers them): an AV integrator gets a support organization
 * with a trial pool, and an invitation by email to be its Owner.
 */
export function TrialScreen() {
  const { t, i18n } = useTranslation();
  const offer = useQuery({
    queryKey: ['getTrialOffer'],
    queryFn: ({ signal }) => call('getTrialOffer', {}, { signal }),
  });
  const [form, setForm] = useState(empty);
  const [privacy, setPrivacy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const emailRefused = error instanceof ApiError && error.details.some((d) => d.path === '/body/email');

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await call('startTrial', {
        body: {
          ...form,
          expectedDevices: Number(form.expectedDevices),
          website: form.website || undefined,
          city: form.city || undefined,
          language: i18n.language,
          acceptPrivacy: true,
        },
      });
      setSentTo(form.email);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (offer.data && !offer.data.enabled) {
    return (
      <PublicFrame title={t('trial.title')}>
        <p role="status">{t('trial.notOffered')}</p>
        <p>
          <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
        </p>
      </PublicFrame>
    );
  }
  if (sentTo) {
    return (
      <PublicFrame title={t('trial.thanksTitle')}>
        <p role="status">
          <Trans i18nKey="trial.thanks" values={{ email: sentTo }} components={{ strong: <strong /> }} />
        </p>
        <p>
          <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
        </p>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame title={t('trial.title')}>
      {offer.data && <p>{t('trial.terms', { days: offer.data.days, count: offer.data.maxDevices })}</p>}
      <form onSubmit={(e) => void submit(e)} className="form">
        <Field id="t-devices" label={t('trial.expectedDevices')} hint={t('trial.expectedDevicesHint')}>
          {(d) => (
            <input
              id="t-devices"
              type="number"
              min={1}
              max={100000}
              value={form.expectedDevices}
              onChange={set('expectedDevices')}
              aria-describedby={d}
              required
            />
          )}
        </Field>
        <div className="row">
          <Field id="t-first" label={t('common.firstName')}>
            {() => (
              <input
                id="t-first"
                value={form.firstName}
                onChange={set('firstName')}
                autoComplete="given-name"
                required
              />
            )}
          </Field>
          <Field id="t-last" label={t('common.lastName')}>
            {() => (
              <input
                id="t-last"
                value={form.lastName}
                onChange={set('lastName')}
                autoComplete="family-name"
                required
              />
            )}
          </Field>
        </div>
        <Field id="t-company" label={t('trial.company')}>
          {() => (
            <input
              id="t-company"
              value={form.company}
              onChange={set('company')}
              autoComplete="organization"
              required
            />
          )}
        </Field>
        <Field
          id="t-email"
          label={t('trial.workEmail')}
          hint={emailRefused ? t('trial.freeEmailRefused') : t('trial.workEmailHint')}
          invalid={emailRefused}
        >
          {(d) => (
            <input
              id="t-email"
              type="email"
              value={form.email}
              onChange={set('email')}
              autoComplete="email"
              aria-describedby={d}
              aria-invalid={emailRefused || undefined}
              required
            />
          )}
        </Field>
        <div className="row">
          <Field id="t-phone" label={t('trial.phone')}>
            {() => (
              <input
                id="t-phone"
                type="tel"
                value={form.phone}
                onChange={set('phone')}
                autoComplete="tel"
                required
              />
            )}
          </Field>
          <Field id="t-website" label={t('trial.website')}>
            {() => <input id="t-website" value={form.website} onChange={set('website')} autoComplete="url" />}
          </Field>
        </div>
        <div className="row">
          <Field id="t-country" label={t('trial.country')}>
            {() => (
              <input
                id="t-country"
                value={form.country}
                onChange={set('country')}
                autoComplete="country-name"
                required
              />
            )}
          </Field>
          <Field id="t-city" label={t('trial.city')}>
            {() => (
              <input id="t-city" value={form.city} onChange={set('city')} autoComplete="address-level2" />
            )}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={privacy} onChange={(e) => setPrivacy(e.target.checked)} required />{' '}
          {t('terms.acceptPrivacy')}
        </label>
        {!emailRefused && <FormError error={error} />}
        <button type="submit" disabled={busy || !privacy}>
          {busy ? t('trial.starting') : t('trial.start')}
        </button>
        <p>
          <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
        </p>
      </form>
    </PublicFrame>
  );
}
