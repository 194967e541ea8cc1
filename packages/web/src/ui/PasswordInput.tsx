import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A password field with a show/hide toggle. */
export function PasswordInput({
  label,
  value,
  onChange,
  autoComplete,
  autoFocus,
  name,
  required = true,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete: string;
  autoFocus?: boolean;
  name?: string;
  required?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="with-button">
        <input
          id={id}
          name={name}
          type={shown ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          required={required}
          placeholder={placeholder}
        />
        <button
          type="button"
          className="secondary"
          aria-pressed={shown}
          aria-label={shown ? t('password.hide') : t('password.show')}
          onClick={() => setShown(!shown)}
        >
          {shown ? t('password.hideShort') : t('password.showShort')}
        </button>
      </div>
    </div>
  );
}
