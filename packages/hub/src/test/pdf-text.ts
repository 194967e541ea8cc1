import { inflateSync } from 'node:zlib';

/**
 * The text lines a PDF written by pdfkit shows (standard fonts: hex strings in TJ arrays), from
 * compressed (FlateDecode) or plain content streams. Enough for tests to check the words.
 */
export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const contents: string[] = [];
  const streams = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streams.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const body = pdf.subarray(start, end);
    const dict = raw.slice(Math.max(0, m.index - 200), m.index);
    try {
      contents.push(
        dict.includes('/FlateDecode') ? inflateSync(body).toString('latin1') : body.toString('latin1'),
      );
    } catch {
      // Not a content stream (fonts, images): nothing to read.
    }
    streams.lastIndex = end;
  }
  const lines: string[] = [];
  for (const content of contents)
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g))
      lines.push(
        [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
          .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
          .join(''),
      );
  return lines;
}
