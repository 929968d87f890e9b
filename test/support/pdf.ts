/**
 * What poppler reads in a PDF Custos printed: the text layer (pdftotext -layout), the page count and size
 * (pdfinfo), and where asked, the first page rendered to PNG (pdftoppm) beside the test's screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PdfReading {
  text: string;
  /** pdfinfo's report (e.g. `Page size:  595.28 x 841.89 pts (A4)`). */
  info: string;
  pages: number;
}

/** Reads the PDF; with `render`, also writes its first page as `<render>-1.png` (and the PDF as `<render>.pdf`). */
export function readPdf(pdf: Buffer, options: { render?: string } = {}): PdfReading {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    if (options.render) {
      mkdirSync(path.dirname(options.render), { recursive: true });
      writeFileSync(`${options.render}.pdf`, pdf);
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, options.render]);
    }
    return { text, info, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
