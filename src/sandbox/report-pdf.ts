import { base64 } from '../internal/base64.js';

/**
 * The PDF Belvo attaches with `attach_pdf: true`: IMSS's "Reporte de semanas cotizadas", as a base64 string. The
 * sandbox's is a valid one-page PDF that says what it is, the report date and the weeks, and nothing personal.
 */
export function weeksReportPdf(reportDate: string, weeksContributed: number): string {
  const lines = [
    'Reporte de semanas cotizadas',
    `Fecha de emision: ${reportDate}`,
    `Semanas cotizadas: ${String(weeksContributed)}`,
    'Documento de prueba del sandbox, sin validez oficial',
  ];
  const text = lines.map((line, index) => `BT /F1 12 Tf 72 ${String(720 - index * 20)} Td (${line}) Tj ET`);
  const content = text.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${String(content.length)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  // Every character is ASCII, so string offsets are byte offsets, as the cross-reference table needs.
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${String(index + 1)} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`;
  return base64(new TextEncoder().encode(pdf));
}
