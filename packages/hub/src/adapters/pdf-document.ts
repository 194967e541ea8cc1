import PDFDocument from 'pdfkit';

/**
 * A pdfkit document (its built-in Helvetica: no font files) drawn by `draw`, as bytes.
 * `compress: false` keeps the text streams readable, which tests use to check the words.
 */
export function renderPdf(
  o: { title: string; margin: number; landscape?: boolean; compress?: boolean | undefined },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: o.landscape ? 'landscape' : 'portrait',
      margin: o.margin,
      compress: o.compress ?? true,
      info: { Title: o.title, Producer: 'Crosspoint', Creator: 'Crosspoint' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}
