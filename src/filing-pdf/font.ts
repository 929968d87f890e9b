/**
 * The CJK font embedded in filing PDFs: Noto Sans Hans (SIL OFL 1.1) from the npm package
 * @embedpdf/fonts-sc, so a fresh machine with only Node and npm can render Chinese. PDFKit subsets it:
 * only the glyphs used are embedded.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontWeight = 'regular' | 'bold';

const FILES: Record<FontWeight, string> = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
};

const cache = new Map<FontWeight, Buffer>();

/** Directory of the package's font files (its `exports` hide package.json, so go from the entry point). */
export function fontDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(entry), '..', 'fonts');
}

export function fontBytes(weight: FontWeight): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(path.join(fontDirectory(), FILES[weight]));
    cache.set(weight, bytes);
  }
  return bytes;
}
