import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled text input (the form field every screen has), with an optional hint under it. */
export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  ...input
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
      {hint && <span className="muted">{hint}</span>}
    </div>
  );
}
