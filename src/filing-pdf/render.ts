/**
 * REG-14-6: the filing as a printable A4 document mirroring 《公共安全视频图像信息系统备案基本信息表》,
 * with the dataset hash, an attachments checklist and a signature block.
 */
import type { FilingRecord } from '../registry/model.ts';
import { formatLegalInstant } from '../shared/legal-time.ts';
import { attachmentChecklist, FILING_FORM_TITLE, FILING_PLATFORM, type AttachmentChecklistItem, type FilingDataset } from '../policy/cn-order-799/filing/index.ts';
import { sections } from './content.ts';
import { openChineseDocument, type PdfDoc } from './document.ts';
import { FONT_BOLD, FONT_REGULAR, heading, row, type Grid } from './table.ts';

export interface FilingPdfOptions {
  /** The filing record, for its kind, status and receipt. */
  filing?: FilingRecord | null;
  /** The attachments checklist; defaults to all four types, none present. */
  attachments?: AttachmentChecklistItem[];
  /** Printed in the footer and used as the PDF's creation date (makes output reproducible). */
  generatedAt?: Date;
}

const MARGIN = 50;
const FOOTER = 28;

export async function renderFilingPdf(dataset: FilingDataset, options: FilingPdfOptions = {}): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date(dataset.generatedAt);
  const { doc, done } = openChineseDocument({
    margin: MARGIN,
    info: { Title: FILING_FORM_TITLE, Subject: `${dataset.unit.name} ${dataset.extras.systemName}`, CreationDate: generatedAt },
  });

  const width = doc.page.width - 2 * MARGIN;
  const label = 100;
  const grid: Grid = { x: MARGIN, columns: [label, width / 2 - label, label, width / 2 - label], top: MARGIN, bottom: doc.page.height - MARGIN - FOOTER };

  doc.font(FONT_BOLD).fontSize(17).text(FILING_FORM_TITLE, MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font(FONT_REGULAR).fontSize(9).fillColor('#333333')
    .text(`依据《公共安全视频图像信息系统管理条例》第十四条  ·  备案平台:${FILING_PLATFORM.name}(${FILING_PLATFORM.host})`, { width, align: 'center' });
  doc.fillColor('#000000');
  let y = doc.y + 6;

  for (const s of sections(dataset, options.attachments ?? attachmentChecklist(), options.filing)) {
    y = heading(doc, grid, y, s.title);
    for (const r of s.rows) y = row(doc, grid, y, r);
  }
  signature(doc, grid, y + 14, width);
  footer(doc, generatedAt);
  doc.end();
  return done;
}

function signature(doc: PdfDoc, grid: Grid, y0: number, width: number): void {
  let y = y0;
  if (y + 120 > grid.bottom) {
    doc.addPage();
    y = grid.top;
  }
  doc.font(FONT_BOLD).fontSize(10.5).text('承诺', MARGIN, y, { width });
  doc.font(FONT_REGULAR).fontSize(10).text('本单位承诺以上备案信息真实、准确、完整,并对其真实性负责。备案事项发生变化的,将及时办理备案变更。', MARGIN, doc.y + 4, { width, lineGap: 2 });
  y = doc.y + 26;
  const half = width / 2;
  doc.text('单位(盖章):', MARGIN, y, { width: half });
  doc.text('负责人(签字):', MARGIN + half, y, { width: half });
  y += 40;
  doc.text('经办人(签字):', MARGIN, y, { width: half });
  doc.text('日期:        年      月      日', MARGIN + half, y, { width: half });
}

function footer(doc: PdfDoc, generatedAt: Date): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 10;
    const width = doc.page.width - 2 * MARGIN;
    // Writing inside the bottom margin: lift it so PDFKit does not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT_REGULAR).fontSize(8).fillColor('#555555');
    doc.text(`由 Custos 生成于 ${formatLegalInstant(generatedAt)}`, MARGIN, y, { width, align: 'left', lineBreak: false });
    doc.text(`第 ${i + 1} 页 共 ${range.count} 页`, MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000000');
  }
}
