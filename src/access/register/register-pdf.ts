/**
 * The register as a printable A4 landscape table (REG-16-6): every REG-16-5 field, in Chinese, with
 * the chain's verification result, using the filing PDFs' embedded CJK font and grid writer.
 */
import { openChineseDocument, type PdfDoc } from '../../filing-pdf/document.ts';
import { FONT_BOLD, FONT_REGULAR, row, type Cell, type Grid } from '../../filing-pdf/table.ts';
import type { ChainVerification } from '../../ledger/hash-chain.ts';
import { formatLegalInstant } from '../../shared/legal-time.ts';
import { fileHashLabel, type RegisterEntryView, type RegisterFilter } from './model.ts';
import { BASIS_LABELS, FIELD_LABELS, KIND_LABELS, OPERATION_LABELS, REASON_LABELS, REGISTER_TITLE } from './register-labels.ts';

type Doc = PdfDoc;

const MARGIN = 30;
const FOOTER = 20;
const PAD = 5;
const SIZE = 7;
/** Column widths (points) of the 13 columns; they fill A4 landscape less the margins (782 pt). */
const WIDTHS = [26, 52, 100, 120, 62, 44, 62, 44, 54, 50, 56, 56, 56];
const HEADER: Cell[] = Object.values(FIELD_LABELS).map((text) => ({ text, label: true, size: 7.5 }));

const time = (iso: string | null): string => (iso ? formatLegalInstant(iso).replace('T', ' ').replace('+08:00', '') : '');

function cells(e: RegisterEntryView): Cell[] {
  const c = e.content;
  const ranges = c.ranges.map((r) => `${r.cameraId} ${time(r.from)} 至 ${r.to ? time(r.to) : '(实时)'}`);
  const hashes = (c.fileHashes ?? []).map((h) => `${fileHashLabel(h)} SHA-256 ${h.sha256}`);
  const content = [`摄像机:${c.cameraIds.join('、')}`, ...ranges, ...hashes, ...(c.denied ? [`拒绝原因:${c.denied.code}`] : [])].join('\n');
  const basis = [e.basis ? `${BASIS_LABELS[e.basis.type] ?? e.basis.type} ${e.basis.ref}` : '', e.shiftId ? `班次 ${e.shiftId}` : '', e.refersTo ? `对应 ${e.refersTo}` : '']
    .filter(Boolean)
    .join('\n');
  const texts = [
    String(e.seq),
    `${KIND_LABELS[e.kind] ?? e.kind}\n${OPERATION_LABELS[e.operation] ?? e.operation}`,
    `${REASON_LABELS[e.reason.category] ?? e.reason.category}\n${e.reason.text}`,
    content,
    e.actor.unit,
    e.actor.name,
    [e.actor.userId, e.actor.idDocument].filter(Boolean).join('\n'),
    e.approver?.name ?? '',
    basis,
    e.clientAddress,
    time(e.startedAt),
    time(e.endedAt ?? e.closedAt),
    e.entryHash,
  ];
  return texts.map((text) => ({ text, size: SIZE }));
}

/** Height the grid writer will give this row (same font, padding and line gap as table.ts). */
function rowHeight(doc: Doc, row: Cell[]): number {
  const heights = row.map((c, i) => {
    doc.font(c.label ? FONT_BOLD : FONT_REGULAR).fontSize(c.size ?? SIZE);
    return doc.heightOfString(c.text || ' ', { width: (WIDTHS[i] ?? 0) - 2 * PAD, lineGap: 1.5 });
  });
  return Math.max(20, ...heights.map((h) => h + 2 * PAD));
}

function describeFilter(filter: RegisterFilter): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join(',') : '全部';
}

export async function renderRegisterPdf(
  entries: readonly RegisterEntryView[],
  options: { filter: RegisterFilter; generatedAt: Date; chain: ChainVerification },
): Promise<Buffer> {
  const { doc, done } = openChineseDocument({
    margin: MARGIN,
    layout: 'landscape',
    info: { Title: REGISTER_TITLE, CreationDate: options.generatedAt },
  });

  const width = doc.page.width - 2 * MARGIN;
  const grid: Grid = { x: MARGIN, columns: WIDTHS, top: MARGIN, bottom: doc.page.height - MARGIN - FOOTER };
  doc.font(FONT_BOLD).fontSize(15).text(REGISTER_TITLE, MARGIN, MARGIN, { width, align: 'center' });
  const chain = options.chain.ok
    ? `登记链校验通过(共 ${options.chain.entries} 条,链头 ${options.chain.headHash})`
    : `登记链校验失败:第 ${options.chain.firstBad?.seq ?? '?'} 条记录被改动(${options.chain.firstBad?.problem ?? ''})`;
  doc.font(FONT_REGULAR).fontSize(8).fillColor('#333333')
    .text(`依据《公共安全视频图像信息系统管理条例》第十六条  ·  筛选条件:${describeFilter(options.filter)}  ·  共 ${entries.length} 条`, { width, align: 'center' })
    .text(chain, { width, align: 'center' });
  doc.fillColor('#000000');

  let y = row(doc, grid, doc.y + 6, HEADER);
  for (const entry of entries) {
    const data = cells(entry);
    if (y + rowHeight(doc, data) > grid.bottom) {
      doc.addPage();
      y = row(doc, grid, grid.top, HEADER);
    }
    y = row(doc, grid, y, data);
  }
  if (entries.length === 0) row(doc, grid, y, [{ text: '(无符合条件的登记记录)', span: WIDTHS.length, size: 9, align: 'center' }]);
  footer(doc, options.generatedAt);
  doc.end();
  return done;
}

function footer(doc: Doc, generatedAt: Date): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 8;
    const width = doc.page.width - 2 * MARGIN;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT_REGULAR).fontSize(7).fillColor('#555555');
    doc.text(`由 Custos 生成于 ${formatLegalInstant(generatedAt)}`, MARGIN, y, { width, align: 'left', lineBreak: false });
    doc.text(`第 ${i + 1} 页 共 ${range.count} 页`, MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000000');
  }
}
