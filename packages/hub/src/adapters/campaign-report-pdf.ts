import { renderPdf } from './pdf-document.ts';

/** What a campaign report PDF shows, already worded by the campaign service. */
export interface CampaignReportPdfModel {
  title: string;
  facts: [string, string][];
  columns: string[];
  rows: string[][];
}

/** Renders a firmware campaign's report with pdfkit (built-in Helvetica), a table of every device. */
export function renderCampaignReportPdf(
  model: CampaignReportPdfModel,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  return renderPdf({ title: model.title, margin: 40, landscape: true, compress: options.compress }, (doc) => {
    const left = 40;
    const width = doc.page.width - 80;
    doc.font('Helvetica-Bold').fontSize(18).text(model.title, left, 40);
    doc.moveDown(0.5).fontSize(10);
    for (const [label, value] of model.facts) {
      const y = doc.y;
      doc.font('Helvetica-Bold').text(label, left, y, { width: 150 });
      doc.font('Helvetica').text(value, left + 160, y, { width: width - 160 });
    }
    doc.moveDown(1);
    const shares = [0.2, 0.14, 0.14, 0.06, 0.09, 0.09, 0.09, 0.19];
    const xs = shares.map((_, i) => left + width * shares.slice(0, i).reduce((a, b) => a + b, 0));
    const row = (cells: readonly string[], bold = false) => {
      if (doc.y > doc.page.height - 60) doc.addPage();
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
      let bottom = y;
      cells.forEach((cell, i) => {
        doc.text(cell, xs[i] ?? left, y, { width: width * (shares[i] ?? 0.1) - 4 });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 3;
    };
    row(model.columns, true);
    for (const r of model.rows) row(r);
  });
}
