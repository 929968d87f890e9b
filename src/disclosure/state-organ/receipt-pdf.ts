/**
 * The printable hand-over receipt (移交回执, REG-20-3): the request, the legal-basis document, the
 * scope, the bundle's SHA-256 as text and as a QR code (drawn as rectangles), the confidentiality
 * marking and handling note, and a signature line for the receiving officer.
 */
import QRCode from 'qrcode';
import { openChineseDocument, type PdfDoc } from '../../filing-pdf/document.ts';
import { FONT_BOLD, FONT_REGULAR, row, type Grid } from '../../filing-pdf/table.ts';
import { formatLegalInstant } from '../../shared/legal-time.ts';
import { ORGAN_TYPE_LABELS, PURPOSE_LABELS } from './labels.ts';
import type { Handover, StateOrganRequest } from './model.ts';

const MARGIN = 50;
const TITLE = '公共视频图像信息移交回执';
const time = (iso: string): string => formatLegalInstant(iso).replace('T', ' ').replace('+08:00', '');

/** The QR code of `text`, one filled square per dark module, at (x, y) with the given side. */
export function drawQr(doc: PdfDoc, text: string, x: number, y: number, side: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = side / (n + 2 * quiet);
  doc.save().fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
  }
  doc.fill().restore();
}

export async function renderReceiptPdf(request: StateOrganRequest, handover: Handover, generatedAt: Date): Promise<Buffer> {
  const { doc, done } = openChineseDocument({ margin: MARGIN, info: { Title: TITLE, Subject: handover.id, CreationDate: generatedAt } });
  const width = doc.page.width - 2 * MARGIN;
  const grid: Grid = { x: MARGIN, columns: [110, width - 110], top: MARGIN, bottom: doc.page.height - MARGIN };

  doc.font(FONT_BOLD).fontSize(12).fillColor('#b00000').text(`${handover.marking}`, MARGIN, MARGIN, { width, align: 'right' });
  doc.fillColor('#000000').font(FONT_BOLD).fontSize(17).text(TITLE, MARGIN, MARGIN + 18, { width, align: 'center' });
  doc.font(FONT_REGULAR).fontSize(8.5).fillColor('#333333').text('依据《公共安全视频图像信息系统管理条例》第二十条', { width, align: 'center' }).fillColor('#000000');

  const basis = request.documents.filter((d) => d.kind !== 'RECEIPT');
  const fields: [string, string][] = [
    ['移交编号', handover.id],
    ['调取申请编号', request.id],
    ['调取机关', `${handover.organName}(${ORGAN_TYPE_LABELS[request.organType] ?? request.organType})`],
    ['调取目的 / 案号', `${PURPOSE_LABELS[request.purpose] ?? request.purpose} / ${request.caseNumber}`],
    ['法律文书', basis.map((d) => `${d.type} ${d.number}(${d.date})\n扫描件 SHA-256 ${d.sha256}`).join('\n') || '(紧急调取,文书待补)'],
    ['调取范围', request.scope.map((s) => `${s.cameraId}  ${time(s.from)} 至 ${time(s.to)}`).join('\n')],
    ['移交包', `${handover.fileName}(${handover.bundleBytes} 字节,录像片段 ${handover.segments} 个)`],
    ['移交包 SHA-256', handover.bundleSha256],
    ['登记记录', handover.registerEntryId],
    ['移交人', handover.handedOverByName],
    ['移交时间', time(handover.handedOverAt)],
    ['接收人', handover.recipients.map((o) => `${o.name}(证件号 ${o.credentialNumber})`).join('\n')],
    ['密级 / 保密要求', `${handover.marking}:${handover.handlingNote}`],
  ];
  let y = doc.y + 12;
  for (const [label, text] of fields) y = row(doc, grid, y, [{ text: label, label: true, size: 9 }, { text, size: 9 }]);

  const qrSide = 120;
  y += 14;
  drawQr(doc, handover.bundleSha256, MARGIN, y, qrSide);
  doc.font(FONT_REGULAR).fontSize(8).text('扫码核对移交包 SHA-256;可用 custos verify 离线校验移交包的签名与完整性证明。', MARGIN + qrSide + 14, y + 10, { width: width - qrSide - 14 });
  const signed = handover.signedBy && handover.signedAt ? `已签收:${handover.signedBy},${time(handover.signedAt)}` : null;
  doc.font(FONT_REGULAR).fontSize(11);
  doc.text('接收民警签字:____________________', MARGIN + qrSide + 14, y + 50);
  doc.text('签收时间:______年____月____日____时____分', MARGIN + qrSide + 14, y + 78);
  if (signed) doc.font(FONT_BOLD).fontSize(9).text(signed, MARGIN + qrSide + 14, y + 102);
  doc.font(FONT_REGULAR).fontSize(7).fillColor('#555555').text(`由 Custos 生成于 ${formatLegalInstant(generatedAt)}`, MARGIN, doc.page.height - MARGIN - 10, { width, lineBreak: false });
  doc.end();
  return done;
}
