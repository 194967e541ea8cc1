import { useEffect, useState } from 'react';

/**
 * The current time (ms since the epoch), renewed every `everyMs`: for "for 5 minutes" texts that
 * should move on their own. Rendering may not read the clock (it must give the same result each
 * time), so the clock is read here, in state, and the component re-renders when it moves.
 */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
