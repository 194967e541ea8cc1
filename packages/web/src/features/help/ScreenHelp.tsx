import { Suspense } from 'react';
import { lazyPart } from '../../app/lazy-screen.tsx';

/**
 * The help pages are not in the sign-in page's first download: the "?" loads them with itself (and
 * the rest of the English catalog, which its words are in).
 */
const ScreenHelpLink = lazyPart(async () => (await import('./ScreenHelpLink.tsx')).default);

/** The "?" at the top of each screen, opening the help page about it. */
export function ScreenHelp() {
  return (
    <Suspense fallback={null}>
      <ScreenHelpLink />
    </Suspense>
  );
}
