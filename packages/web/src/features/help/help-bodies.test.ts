import { describe, expect, it } from 'vitest';
import { loadedHelpBodies, loadHelpBodies } from './help-bodies.ts';
import es from './translations/es.ts';

describe('help bodies per language', () => {
  it('has English at once, with nothing to fetch', async () => {
    expect(loadedHelpBodies('en-GB')).toEqual({});
    expect(loadedHelpBodies('xx')).toEqual({}); // A language the app lacks reads English.
    await expect(loadHelpBodies('en')).resolves.toEqual({});
  });

  it('fetches a language once, when asked, and keeps it', async () => {
    expect(loadedHelpBodies('es')).toBeUndefined();
    const [first, second] = await Promise.all([loadHelpBodies('es-ES'), loadHelpBodies('es')]);
    expect(first).toBe(es);
    expect(second).toBe(es);
    expect(loadedHelpBodies('es')).toBe(es);
    expect(loadedHelpBodies('pt')).toBeUndefined(); // Only the language asked for.
  });
});
