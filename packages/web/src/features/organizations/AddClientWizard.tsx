import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type CallAnswer } from '../../api/client.ts';
import { formatDay } from '../../format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PlanFields } from './PlanFields.tsx';
import { AvailableClientPicker } from './AvailableClientPicker.tsx';

/** What the hub answers a wizard step with: the client as it would be added. */
type Review = CallAnswer<'createClient'>['review'];

const steps = ['details', 'plan', 'review'] as const;

function plusMonths(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Add client organization: details → service plan → review → add. Each step is checked by the hub. */
export function AddClientWizard({
  open,
  onClose,
  orgId,
  onAdded,
}: {
  open: boolean;
  onClose: () => void;
  orgId: string;
  onAdded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [reference, setReference] = useState('');
  const [maxDevices, setMaxDevices] = useState('0');
  const [start, setStart] = useState(plusMonths(0));
  const [end, setEnd] = useState(plusMonths(3));
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const body = (dryRun: boolean) => ({
    name,
    owner: { email, ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}) },
    ...(reference ? { clientReference: reference } : {}),
    plan: { maxDevices: Number(maxDevices), start, end },
    dryRun,
  });
  const reset = () => {
    setStep(0);
    setName('');
    setEmail('');
    setFirstName('');
    setLastName('');
    setReference('');
    setMaxDevices('0');
    setReview(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const next = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (step < 2) {
        const r = await call('createClient', { params: { orgId }, body: body(true) });
        setReview(r.review);
        setStep(step + 1);
      } else {
        await call('createClient', { params: { orgId }, body: body(false) });
        onAdded();
        close();
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('orgs.addClient')} open={open} onClose={close} wide>
      <ol className="steps" aria-label={t('wizard.steps')}>
        {steps.map((s, i) => (
          <li
            key={s}
            aria-current={i === step ? 'step' : undefined}
            className={i < step ? 'done' : undefined}
          >
            {t(`wizard.step.${s}`)}
          </li>
        ))}
      </ol>
      <form onSubmit={(e) => void next(e)} className="form">
        {step === 0 && (
          <>
            <AvailableClientPicker
              orgId={orgId}
              onAttached={() => {
                onAdded();
                close();
              }}
            />
            <div className="field">
              <label htmlFor="c-name">{t('common.orgName')}</label>
              <input id="c-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
            </div>
            <fieldset>
              <legend>{t('wizard.ownerLegend')}</legend>
              <div className="field">
                <label htmlFor="c-email">{t('auth.email')}</label>
                <input
                  id="c-email"
                  type="email"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  required
                />
              </div>
              <div className="row">
                <div className="field">
                  <label htmlFor="c-first">{t('common.firstName')}</label>
                  <input id="c-first" value={firstName} onChange={(e) => setFirstName(e.target.value)} />
                </div>
                <div className="field">
                  <label htmlFor="c-last">{t('common.lastName')}</label>
                  <input id="c-last" value={lastName} onChange={(e) => setLastName(e.target.value)} />
                </div>
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor="c-ref">{t('wizard.reference')}</label>
              <input id="c-ref" value={reference} onChange={(e) => setReference(e.target.value)} />
            </div>
          </>
        )}
        {step === 1 && (
          <>
            <PlanFields
              maxDevices={maxDevices}
              setMaxDevices={setMaxDevices}
              start={start}
              setStart={setStart}
              end={end}
              setEnd={setEnd}
            />
            {review && <p className="muted">{t('wizard.poolAfter', { count: review.poolAvailableAfter })}</p>}
          </>
        )}
        {step === 2 && review && (
          <dl className="facts" aria-label={t('wizard.step.review')}>
            <dt>{t('nav.organization')}</dt>
            <dd>{review.name}</dd>
            <dt>{t('wizard.owner')}</dt>
            <dd>
              {review.ownerEmail} {review.ownerExists ? t('wizard.ownerExists') : t('wizard.ownerInvited')}
            </dd>
            <dt>{t('orgs.maxDevices')}</dt>
            <dd>{review.plan.maxDevices}</dd>
            <dt>{t('wizard.planDates')}</dt>
            <dd>
              {t('common.dateRange', {
                start: formatDay(review.plan.start, i18n.language),
                end: formatDay(review.plan.end, i18n.language),
              })}
            </dd>
            <dt>{t('wizard.poolLeft')}</dt>
            <dd>{review.poolAvailableAfter}</dd>
          </dl>
        )}
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
          {step > 0 && (
            <button type="button" className="secondary" onClick={() => setStep(step - 1)}>
              {t('wizard.previous')}
            </button>
          )}
          <button type="submit" disabled={busy}>
            {step === 0 ? t('wizard.next') : step === 1 ? t('wizard.review') : t('common.add')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
