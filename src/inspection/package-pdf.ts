/** The inspection package as an A4 PDF, rendered from the package's JSON only (REG-24-1). */
import { openChineseDocument, type PdfDoc } from '../filing-pdf/document.ts';
import { FONT_BOLD, FONT_REGULAR, heading, row, type Grid } from '../filing-pdf/table.ts';
import { formatLegalInstant } from '../shared/legal-time.ts';
import { pdfSections } from './package-pdf-content.ts';
import type { InspectionPackage } from './package-schema.ts';

const MARGIN = 45;
const FOOTER = 26;
const TITLE = '公共安全视频图像信息系统监督检查材料';

export async function renderPackagePdf(p: InspectionPackage): Promise<Buffer> {
  const generatedAt = new Date(p.generatedAt);
  const { doc, done } = openChineseDocument({ margin: MARGIN, info: { Title: `${TITLE} / Inspection package`, Subject: `${p.unit.name} ${p.id}`, CreationDate: generatedAt } });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - FOOTER;
  doc.font(FONT_BOLD).fontSize(16).text(TITLE, MARGIN, MARGIN, { width, align: 'center' });
  doc.font(FONT_REGULAR).fontSize(10).text('Inspection package (Order No. 799, art. 24)', { width, align: 'center' });
  doc.moveDown(0.4);
  const cover: Grid = { x: MARGIN, columns: [width * 0.22, width * 0.78], top: MARGIN, bottom };
  let y = doc.y + 4;
  const meta: [string, string][] = [
    ['单位 Unit', `${p.unit.name}${p.unit.uscc ? `  (${p.unit.uscc})` : ''}`],
    ['范围 Scope', `${p.scope.type}: ${p.scope.siteIds.join(', ') || '—'}`],
    ['期间 Period', `${p.period.from} – ${p.period.to}`],
    ['生成 Generated', `${formatLegalInstant(generatedAt)}  ${p.generatedBy.name} (${p.generatedBy.unit || p.generatedBy.username})`],
    ['编号 Package id', p.id],
    ['SHA-256', p.integrity.sha256],
    ['签名 Signature', p.integrity.signature ? `Ed25519, key ${p.integrity.signature.keyId}` : '未签名 unsigned'],
  ];
  for (const [label, value] of meta) y = row(doc, cover, y, [{ text: label, label: true }, { text: value, size: label === 'SHA-256' ? 8 : 10 }]);
  for (const section of pdfSections(p)) {
    const grid: Grid = { x: MARGIN, columns: section.columns.map((f) => f * width), top: MARGIN, bottom };
    y = heading(doc, grid, y + 8, section.title);
    for (const cells of section.rows) y = row(doc, grid, y, cells);
  }
  footer(doc, p);
  doc.end();
  return done;
}

function footer(doc: PdfDoc, p: InspectionPackage): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 10;
    const width = doc.page.width - 2 * MARGIN;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT_REGULAR).fontSize(8).fillColor('#555555');
    doc.text(`${p.id}  SHA-256 ${p.integrity.sha256.slice(0, 16)}…`, MARGIN, y, { width, align: 'left', lineBreak: false });
    doc.text(`第 ${i + 1} 页 共 ${range.count} 页  Page ${i + 1} of ${range.count}`, MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000000');
  }
}
