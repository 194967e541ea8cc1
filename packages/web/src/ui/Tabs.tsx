import type { ReactNode } from 'react';

/**
 * A row of tabs and the panel of the chosen one. `labelOf` names a tab (in the active language);
 * the panel is labelled with the chosen tab's name.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  current,
  onChange,
  labelOf,
  children,
}: {
  label: string;
  tabs: readonly T[];
  current: T;
  onChange: (tab: T) => void;
  labelOf: (tab: T) => string;
  children: ReactNode;
}) {
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={current === name}
            onClick={() => onChange(name)}
          >
            {labelOf(name)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={labelOf(current)}>
        {children}
      </div>
    </>
  );
}
