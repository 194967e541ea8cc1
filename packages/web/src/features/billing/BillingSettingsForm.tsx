import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BillingSettings } from '@crosspoint/protocol';
import { ApiError, call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { inputToMinor, minorToInput } from './money.ts';
import { useBillingSettings } from './queries.ts';

type Field =
  | 'currency'
  | 'proAudioPrice'
  | 'videoPrice'
  | 'minimum'
  | 'taxRate'
  | 'paymentTermsDays'
  | 'legalName'
  | 'address'
  | 'taxId'
  | 'paymentDetails'
  | 'numberPrefix'
  | 'nextNumber'
  | 'reminderDays';

type Values = Record<Field, string> & { pricePeriod: 'month' | 'year'; autoDraft: boolean };

const isCurrency = (c: string): boolean => {
  if (!/^[A-Z]{3}$/.test(c)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: c });
    return true;
  } catch {
    return false;
  }
};

function valuesOf(s: BillingSettings): Values {
  return {
    currency: s.currency,
    pricePeriod: s.pricePeriod,
    proAudioPrice: minorToInput(s.proAudioPrice, s.currency),
    videoPrice: minorToInput(s.videoPrice, s.currency),
    minimum: minorToInput(s.minimum, s.currency),
    taxRate: String(s.taxRateBp / 100),
    paymentTermsDays: String(s.paymentTermsDays),
    legalName: s.legalName,
    address: s.address,
    taxId: s.taxId,
    paymentDetails: s.paymentDetails,
    numberPrefix: s.numberPrefix,
    nextNumber: String(s.nextNumber),
    reminderDays: s.reminderDays.join(', '),
    autoDraft: s.autoDraft ?? true,
  };
}

/** The billing settings of a support organization: price list, tax and terms, its details, numbering, reminders. */
export function BillingSettingsForm() {
  const { t } = useTranslation();
  const { orgId } = useOrg();
  const settings = useBillingSettings(orgId);
  if (!settings.data) {
    return settings.error ? <FormError error={settings.error} /> : <p role="status">{t('common.loading')}</p>;
  }
  return <SettingsFields key={orgId} orgId={orgId} initial={settings.data} />;
}

function SettingsFields({ orgId, initial }: { orgId: string; initial: BillingSettings }) {
  const { t } = useTranslation();
  const { can } = useOrg();
  const queryClient = useQueryClient();
  const readOnly = !can('billing.manage');
  const [v, setV] = useState<Values>(() => valuesOf(initial));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (field: keyof Values, value: string | boolean) => {
    setSaved(false);
    setV((old) => ({ ...old, [field]: value }));
  };

  const parse = (): BillingSettings | Partial<Record<Field, string>> => {
    const e: Partial<Record<Field, string>> = {};
    const currency = v.currency.trim().toUpperCase();
    if (!isCurrency(currency)) e.currency = t('billing.settings.currencyInvalid');
    const cur = e.currency ? 'EUR' : currency;
    const money = (f: 'proAudioPrice' | 'videoPrice' | 'minimum') => {
      const n = inputToMinor(v[f], cur);
      if (n === null) e[f] = t('billing.settings.amountInvalid');
      return n ?? 0;
    };
    const proAudioPrice = money('proAudioPrice');
    const videoPrice = money('videoPrice');
    const minimum = money('minimum');
    const tax = inputToMinor(v.taxRate, 'EUR'); // percent with up to 2 decimals = basis points
    if (tax === null || tax > 10_000) e.taxRate = t('billing.settings.taxInvalid');
    const terms = /^\d+$/.test(v.paymentTermsDays.trim()) ? Number(v.paymentTermsDays) : NaN;
    if (!(terms >= 0 && terms <= 365)) e.paymentTermsDays = t('billing.settings.termsInvalid');
    const next = /^\d+$/.test(v.nextNumber.trim()) ? Number(v.nextNumber) : NaN;
    if (!(next >= 1 && next <= 2_000_000_000)) e.nextNumber = t('billing.settings.nextNumberInvalid');
    const parts = v.reminderDays
      .split(/[,;\s]+/)
      .map((p) => p.trim().replace('\u2212', '-'))
      .filter(Boolean);
    const days = parts.map((p) => (/^[-+]?\d+$/.test(p) ? Number(p) : NaN));
    if (days.length > 10 || days.some((d) => !(d >= -60 && d <= 365)))
      e.reminderDays = t('billing.settings.reminderInvalid');
    if (Object.keys(e).length > 0) return e;
    return {
      currency,
      pricePeriod: v.pricePeriod,
      proAudioPrice,
      videoPrice,
      minimum,
      taxRateBp: tax ?? 0,
      paymentTermsDays: terms,
      legalName: v.legalName.trim(),
      address: v.address,
      taxId: v.taxId.trim(),
      paymentDetails: v.paymentDetails,
      numberPrefix: v.numberPrefix.trim(),
      nextNumber: next,
      reminderDays: [...new Set(days)].sort((a, b) => a - b),
      autoDraft: v.autoDraft,
    };
  };

  const submit = async (ev: SyntheticEvent) => {
    ev.preventDefault();
    setError(null);
    setSaved(false);
    const body = parse();
    if (!('pricePeriod' in body)) {
      setErrors(body);
      const first = Object.keys(body)[0];
      if (first) document.getElementById(`billing-${first}`)?.focus();
      return;
    }
    setErrors({});
    try {
      const answer = await call('updateBillingSettings', { params: { orgId }, body });
      setSaved(true);
      queryClient.setQueryData(['getBillingSettings', orgId], answer);
    } catch (e) {
      // The hub's per-field messages go under their fields; the rest in the form's error.
      if (e instanceof ApiError && e.details.length > 0) {
        const byField: Partial<Record<Field, string>> = {};
        for (const d of e.details) {
          const name = d.path.replace(/^\//, '').split('/')[0];
          const field = name === 'taxRateBp' ? 'taxRate' : name;
          if (field && field in v) byField[field as Field] = d.message;
        }
        setErrors(byField);
      }
      setError(e);
    }
  };

  const input = (
    field: Field,
    label: ReactNode,
    props: { hint?: string; multiline?: boolean; inputMode?: 'decimal' | 'numeric'; maxLength?: number } = {},
  ) => {
    const id = `billing-${field}`;
    const describedBy = [errors[field] ? `${id}-error` : '', props.hint ? `${id}-hint` : '']
      .filter(Boolean)
      .join(' ');
    const common = {
      id,
      value: v[field],
      readOnly,
      maxLength: props.maxLength,
      'aria-invalid': errors[field] ? true : undefined,
      'aria-describedby': describedBy || undefined,
    };
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {props.multiline ? (
          <textarea {...common} rows={3} onChange={(e) => set(field, e.target.value)} />
        ) : (
          <input {...common} inputMode={props.inputMode} onChange={(e) => set(field, e.target.value)} />
        )}
        {props.hint && (
          <span className="muted" id={`${id}-hint`}>
            {props.hint}
          </span>
        )}
        {errors[field] && (
          <span className="field-error" id={`${id}-error`}>
            {errors[field]}
          </span>
        )}
      </div>
    );
  };

  const currency = isCurrency(v.currency.trim().toUpperCase()) ? v.currency.trim().toUpperCase() : '';
  const priceLabel = (label: string) => (currency ? `${label} (${currency})` : label);
  return (
    <form
      className="form billing-settings"
      onSubmit={(e) => void submit(e)}
      aria-label={t('billing.settingsTab')}
      noValidate
    >
      {readOnly && <p className="muted">{t('billing.settings.readOnly')}</p>}
      <fieldset>
        <legend>{t('billing.settings.prices')}</legend>
        {input('currency', t('billing.settings.currency'), {
          hint: t('billing.settings.currencyHint'),
          maxLength: 3,
        })}
        <fieldset>
          <legend>{t('billing.settings.pricePeriod')}</legend>
          {(['month', 'year'] as const).map((p) => (
            <label key={p} className="check">
              <input
                type="radio"
                name="billing-period"
                value={p}
                checked={v.pricePeriod === p}
                disabled={readOnly}
                onChange={() => set('pricePeriod', p)}
              />{' '}
              {p === 'month' ? t('billing.settings.perMonth') : t('billing.settings.perYear')}
            </label>
          ))}
        </fieldset>
        {input('proAudioPrice', priceLabel(t('billing.settings.proAudioPrice')), { inputMode: 'decimal' })}
        {input('videoPrice', priceLabel(t('billing.settings.videoPrice')), { inputMode: 'decimal' })}
        {input('minimum', priceLabel(t('billing.settings.minimum')), {
          inputMode: 'decimal',
          hint: t('billing.settings.minimumHint'),
        })}
      </fieldset>
      <fieldset>
        <legend>{t('billing.settings.taxAndTerms')}</legend>
        {input('taxRate', t('billing.settings.taxRate'), {
          inputMode: 'decimal',
          hint: t('billing.settings.taxHint'),
        })}
        {input('paymentTermsDays', t('billing.settings.paymentTerms'), { inputMode: 'numeric' })}
      </fieldset>
      <fieldset>
        <legend>{t('billing.settings.details')}</legend>
        {input('legalName', t('billing.settings.legalName'), { maxLength: 200 })}
        {input('address', t('billing.settings.address'), { multiline: true, maxLength: 1000 })}
        {input('taxId', t('billing.settings.taxId'), { maxLength: 100 })}
        {input('paymentDetails', t('billing.settings.paymentDetails'), {
          multiline: true,
          maxLength: 1000,
          hint: t('billing.settings.paymentDetailsHint'),
        })}
      </fieldset>
      <fieldset>
        <legend>{t('billing.settings.numbering')}</legend>
        {input('numberPrefix', t('billing.settings.numberPrefix'), { maxLength: 20 })}
        {input('nextNumber', t('billing.settings.nextNumber'), {
          inputMode: 'numeric',
          hint: t('billing.settings.nextNumberHint', { example: `${v.numberPrefix}${v.nextNumber}` }),
        })}
      </fieldset>
      <fieldset>
        <legend>{t('billing.settings.drafting')}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={v.autoDraft}
            disabled={readOnly}
            onChange={(e) => set('autoDraft', e.target.checked)}
          />{' '}
          {t('billing.settings.autoDraft')}
        </label>
        <p className="muted">{t('billing.settings.autoDraftHint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('billing.settings.reminders')}</legend>
        {input('reminderDays', t('billing.settings.reminderDays'), {
          hint: t('billing.settings.reminderHint'),
        })}
      </fieldset>
      <FormError error={error} />
      {saved && (
        <p role="status" className="muted">
          {t('common.saved')}
        </p>
      )}
      {!readOnly && (
        <div className="actions">
          <button type="submit">{t('billing.settings.save')}</button>
        </div>
      )}
    </form>
  );
}
