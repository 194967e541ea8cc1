import { describe, expect, it } from 'vitest';
import { wordsFor } from './invoice-documents.ts';

describe('invoice words', () => {
  it('speaks the billing contact’s language where the PDF can write it', () => {
    expect(wordsFor('de').invoice).toBe('Rechnung');
    expect(wordsFor('fr').invoice).toBe('Facture');
    expect(wordsFor('es').invoice).toBe('Factura');
    expect(wordsFor('it').dueOn).toBe('Scadenza');
    expect(wordsFor('pt').tax('23')).toBe('Imposto 23 %');
    expect(wordsFor('es').reminderSubject('2026-0007', true)).toBe('Vencida: factura 2026-0007');
  });

  it('falls back to English for the others, for none, and for names an object happens to have', () => {
    for (const language of [
      'ja',
      'pl',
      'ar',
      'zh',
      'ru',
      'ko',
      'xx',
      null,
      undefined,
      'constructor',
      'toString',
    ])
      expect(wordsFor(language).invoice, String(language)).toBe('Invoice');
  });

  it('writes only letters the built-in PDF font has (Windows-1252) in every language it speaks', () => {
    const cp1252Extra = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
    const writable = (text: string) =>
      Array.from(text).every((c) => c.charCodeAt(0) < 0x100 || cp1252Extra.includes(c));
    for (const language of ['en', 'de', 'fr', 'es', 'it', 'pt']) {
      const w = wordsFor(language);
      const texts = [
        w.invoice,
        w.draft,
        w.number,
        w.issuedOn,
        w.dueOn,
        w.period,
        w.reference,
        w.account,
        w.description,
        w.quantity,
        w.unitPrice,
        w.amount,
        w.subtotal,
        w.tax('19'),
        w.total,
        w.taxId,
        w.proAudio('2026-11'),
        w.video('2026-11'),
        w.minimum,
      ];
      for (const text of texts) expect(writable(text), `${language}: ${text}`).toBe(true);
    }
  });
});
