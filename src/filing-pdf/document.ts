/** An A4 (or A5) PDFKit document with the embedded CJK fonts registered, and its bytes once it ends. */
import PDFDocument from 'pdfkit';
import { fontBytes } from './font.ts';
import { FONT_BOLD, FONT_REGULAR } from './table.ts';

export type PdfDoc = InstanceType<typeof PDFDocument>;

export interface ChineseDocumentOptions {
  margin: number;
  layout?: 'portrait' | 'landscape';
  /** Paper size (default A4). */
  size?: 'A4' | 'A5';
  info: { Title: string; Subject?: string; CreationDate?: Date };
}

export function openChineseDocument(options: ChineseDocumentOptions): { doc: PdfDoc; done: Promise<Buffer> } {
  const m = options.margin;
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    ...(options.layout ? { layout: options.layout } : {}),
    margins: { top: m, bottom: m, left: m, right: m },
    bufferPages: true,
    info: { Creator: 'Custos', ...options.info },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT_REGULAR, fontBytes('regular'));
  doc.registerFont(FONT_BOLD, fontBytes('bold'));
  return { doc, done };
}
