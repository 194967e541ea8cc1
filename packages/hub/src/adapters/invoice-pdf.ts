import { renderPdf } from './pdf-document.ts';

/** What an invoice PDF shows, already worded and formatted by the billing service. */
export interface InvoicePdfModel {
  title: string;
  /** Label → value rows under the title (number, dates, period, client reference). */
  facts: [string, string][];
  seller: string[];
  buyer: string[];
  columns: [string, string, string, string];
  lines: [string, string, string, string][];
  totals: [string, string][];
  notes: string[];
  footer: string[];
}

/**
 * Renders an invoice with pdfkit (its built-in Helvetica: no font files). `compress: false` keeps
 * the text streams readable, which tests use to check the words.
 */
export function renderInvoicePdf(
  model: InvoicePdfModel,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  return renderPdf({ title: model.title, margin: 50, compress: options.compress }, (doc) => {
    const left = 50;
    const width = doc.page.width - 100;
    doc.font('Helvetica-Bold').fontSize(20).text(model.title, left, 50);
    doc.moveDown(0.5);
    doc.font('Helvetica').fontSize(10);
    const top = doc.y;
    doc.text(model.seller.join('\n'), left, top, { width: width / 2 - 10 });
    const sellerBottom = doc.y;
    doc.text(model.buyer.join('\n'), left + width / 2, top, { width: width / 2 });
    doc.y = Math.max(sellerBottom, doc.y) + 15;
    for (const [label, value] of model.facts) {
      const y = doc.y;
      doc.font('Helvetica-Bold').text(label, left, y, { width: 150 });
      doc.font('Helvetica').text(value, left + 160, y, { width: width - 160 });
    }
    doc.moveDown(1);

    const cols = [left, left + width * 0.5, left + width * 0.65, left + width * 0.82];
    const colWidth = [width * 0.5 - 8, width * 0.15 - 8, width * 0.17 - 8, width * 0.18];
    const row = (cells: readonly string[], bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      let bottom = y;
      cells.forEach((cell, i) => {
        doc.text(cell, cols[i], y, { width: colWidth[i], align: i === 0 ? 'left' : 'right' });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 4;
    };
    row(model.columns, true);
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .stroke();
    doc.y += 4;
    for (const line of model.lines) row(line);
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .stroke();
    doc.y += 4;
    model.totals.forEach(([label, value], i) => row([label, '', '', value], i === model.totals.length - 1));
    if (model.notes.length) {
      doc.moveDown(1);
      doc.font('Helvetica').text(model.notes.join('\n'), left, doc.y, { width });
    }
    if (model.footer.length) {
      doc.moveDown(1.5);
      doc.fontSize(9).text(model.footer.join('\n'), left, doc.y, { width });
    }
  });
}
