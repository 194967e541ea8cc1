import { TextField } from '../../ui/TextField.tsx';

/** Where a person types the 6 digits of their authenticator app (or, when allowed, a recovery code). */
export function CodeField({
  id,
  label,
  value,
  onChange,
  recovery = false,
  hint,
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Accept a recovery code (letters and a dash) too. */
  recovery?: boolean;
  hint?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      id={id}
      label={label}
      value={value}
      onChange={onChange}
      hint={hint}
      autoComplete="one-time-code"
      inputMode={recovery ? 'text' : 'numeric'}
      pattern={recovery ? undefined : '[0-9 ]{6,7}'}
      maxLength={recovery ? 40 : 7}
      spellCheck={false}
      autoFocus={autoFocus}
      required
    />
  );
}
