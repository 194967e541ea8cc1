import { describe, expect, it } from 'vitest';
import { hubPage } from './pages.ts';
import { agentWords } from './ui-words.ts';

const render = (certificate: string, lng: 'en' | 'de' = 'en') =>
  hubPage(
    { lng, w: agentWords[lng], path: '/settings/hub' },
    {
      settings: { hubUrl: 'https://hub.lan', login: 'Rack@C10001' },
      state: { state: 'disconnected', reason: 'x', retryInMs: 4000, certificate },
      pending: 0,
    },
    'csrf',
  );

describe(hubPage.name, () => {
  it('says what to do about a refused hub certificate: give the CA, or check the name, dates and clock', () => {
    const untrusted = render('SELF_SIGNED_CERT_IN_CHAIN');
    expect(untrusted).toContain('data-certificate="refused"');
    expect(untrusted).toContain('(SELF_SIGNED_CERT_IN_CHAIN)');
    expect(untrusted).toContain('(--hub-ca). Retrying in 4 s.');
    const wrongName = render('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(wrongName).toContain('names a host the certificate lists');
    expect(wrongName).not.toContain('--hub-ca');
    expect(render('CERT_HAS_EXPIRED', 'de')).toContain('die Uhr dieses Computers');
  });
});
