import { useTranslation } from 'react-i18next';

export function PlanFields(p: {
  maxDevices: string;
  setMaxDevices: (v: string) => void;
  start: string;
  setStart: (v: string) => void;
  end: string;
  setEnd: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <div className="field">
        <label htmlFor="plan-max">{t('orgs.maxDevices')}</label>
        <input
          id="plan-max"
          type="number"
          min={0}
          value={p.maxDevices}
          onChange={(e) => p.setMaxDevices(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="plan-start">{t('orgs.startDate')}</label>
        <input
          id="plan-start"
          type="date"
          value={p.start}
          onChange={(e) => p.setStart(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="plan-end">{t('orgs.endDate')}</label>
        <input id="plan-end" type="date" value={p.end} onChange={(e) => p.setEnd(e.target.value)} required />
      </div>
    </div>
  );
}
