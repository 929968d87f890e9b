/** A small grid-table writer over PDFKit: rows of cells spanning columns, with page breaks. */
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export const FONT_REGULAR = 'cjk';
export const FONT_BOLD = 'cjk-bold';

export interface Cell {
  text: string;
  /** Columns this cell spans (default 1). */
  span?: number;
  /** A label cell: shaded background. */
  label?: boolean;
  bold?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** Draws a tick box before the text: true ticked, false empty. */
  checkbox?: boolean;
}

export interface Grid {
  x: number;
  /** Column widths in points. */
  columns: number[];
  /** Lowest y a row may reach before a page break. */
  bottom: number;
  top: number;
}

const PAD = 5;
const MIN_HEIGHT = 20;
const BOX = 9;
const KEEP_WITH_HEADING = 90;
const BORDER = '#444444';
const SHADE = '#eef1f5';

function cellWidth(grid: Grid, start: number, span: number): number {
  return grid.columns.slice(start, start + span).reduce((a, b) => a + b, 0);
}

function textWidth(cell: Cell, width: number): number {
  return width - 2 * PAD - (cell.checkbox === undefined ? 0 : BOX + 6);
}

function setFont(doc: Doc, cell: Cell): void {
  doc.font(cell.bold || cell.label ? FONT_BOLD : FONT_REGULAR).fontSize(cell.size ?? (cell.label ? 9 : 10));
}

function drawCheckbox(doc: Doc, x: number, y: number, ticked: boolean): void {
  doc.save().lineWidth(0.8).strokeColor('#000000').rect(x, y, BOX, BOX).stroke();
  if (ticked) {
    doc
      .lineWidth(1.4)
      .moveTo(x + 1.8, y + BOX / 2)
      .lineTo(x + BOX / 2 - 0.5, y + BOX - 2)
      .lineTo(x + BOX - 1.5, y + 1.5)
      .stroke();
  }
  doc.restore();
}

/** Writes one row at `y`; returns the y below it. Breaks the page first when the row does not fit. */
export function row(doc: Doc, grid: Grid, y: number, cells: Cell[]): number {
  const widths: number[] = [];
  let col = 0;
  for (const c of cells) {
    widths.push(cellWidth(grid, col, c.span ?? 1));
    col += c.span ?? 1;
  }
  const heights = cells.map((c, i) => {
    setFont(doc, c);
    return doc.heightOfString(c.text || ' ', { width: textWidth(c, widths[i] ?? 0), lineGap: 1.5 });
  });
  const h = Math.max(MIN_HEIGHT, ...heights.map((t) => t + 2 * PAD));
  let top = y;
  if (top + h > grid.bottom) {
    doc.addPage();
    top = grid.top;
  }
  let x = grid.x;
  cells.forEach((c, i) => {
    const w = widths[i] ?? 0;
    if (c.label) doc.save().rect(x, top, w, h).fill(SHADE).restore();
    doc.save().lineWidth(0.6).strokeColor(BORDER).rect(x, top, w, h).stroke().restore();
    let tx = x + PAD;
    const ty = top + (h - (heights[i] ?? 0)) / 2 + 1.5;
    if (c.checkbox !== undefined) {
      drawCheckbox(doc, tx, top + (h - BOX) / 2, c.checkbox);
      tx += BOX + 6;
    }
    setFont(doc, c);
    doc.fillColor('#000000').text(c.text, tx, ty, { width: textWidth(c, w), align: c.align ?? (c.label ? 'center' : 'left'), lineGap: 1.5 });
    x += w;
  });
  return top + h;
}

/** A full-width section heading row. */
export function heading(doc: Doc, grid: Grid, y: number, text: string): number {
  const span = grid.columns.length;
  // Keep a heading with its first rows: start a new page when less than KEEP_WITH_HEADING is left.
  const next = y + KEEP_WITH_HEADING > grid.bottom ? (doc.addPage(), grid.top) : y;
  return row(doc, grid, next + 6, [{ text, span, bold: true, size: 11, align: 'left', label: false }]);
}
