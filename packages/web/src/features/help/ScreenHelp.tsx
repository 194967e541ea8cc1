import { lazy, Suspense } from 'react';

/** The help pages are not in the sign-in page's first download: the "?" loads them with itself. */
const ScreenHelpLink = lazy(() => import('./ScreenHelpLink.tsx'));

/** The "?" at the top of each screen, opening the help page about it. */
export function ScreenHelp() {
  return (
    <Suspense fallback={null}>
      <ScreenHelpLink />
    </Suspense>
  );
}
