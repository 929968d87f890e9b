/**
 * A small ustar writer and reader for export bundles (no dependency: the format is 512-byte headers
 * and content padded to 512 bytes). The writer streams files into place; the reader indexes the
 * entries of a file without loading their content.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

export class TarWriter {
  private constructor(private readonly file: FileHandle, private readonly mtime: number) {}

  static async create(path: string, mtime: Date): Promise<TarWriter> {
    return new TarWriter(await open(path, 'wx', 0o600), Math.floor(mtime.getTime() / 1000));
  }

  async addBuffer(name: string, data: Buffer): Promise<void> {
    await this.file.write(header(name, data.length, this.mtime));
    await this.file.write(data);
    await this.pad(data.length);
  }

  async addFile(name: string, source: Readable, size: number): Promise<void> {
    await this.file.write(header(name, size, this.mtime));
    let written = 0;
    for await (const chunk of source) {
      await this.file.write(chunk as Buffer);
      written += (chunk as Buffer).length;
    }
    if (written !== size) throw new Error(`tar entry ${name}: ${written} bytes, expected ${size}`);
    await this.pad(size);
  }

  async close(): Promise<void> {
    await this.file.write(Buffer.alloc(BLOCK * 2));
    await this.file.sync();
    await this.file.close();
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await this.file.write(Buffer.alloc(BLOCK - rest));
  }
}

export interface TarEntry {
  name: string;
  offset: number;
  size: number;
}

/** The entries of a tar file; throws on a header whose checksum does not match. */
export async function readTarIndex(path: string): Promise<Map<string, TarEntry>> {
  const entries = new Map<string, TarEntry>();
  const file = await open(path, 'r');
  try {
    const { size: total } = await file.stat();
    const h = Buffer.alloc(BLOCK);
    for (let at = 0; at + BLOCK <= total; ) {
      await file.read(h, 0, BLOCK, at);
      if (h.every((b) => b === 0)) break;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] as number);
      if (parseInt(h.toString('ascii', 148, 156).replace(/\0/g, '').trim(), 8) !== sum) throw new Error(`bad tar header at byte ${at}`);
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(h.toString('ascii', 124, 136).replace(/\0/g, '').trim() || '0', 8);
      if (at + BLOCK + size > total) throw new Error(`tar entry ${name} runs past the end of the file`);
      if (entries.has(name)) throw new Error(`tar entry ${name} appears twice`);
      entries.set(name, { name, offset: at + BLOCK, size });
      at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await file.close();
  }
  return entries;
}

export function entryStream(path: string, entry: TarEntry): Readable {
  return createReadStream(path, { start: entry.offset, end: entry.offset + entry.size - 1 });
}

export async function readEntry(path: string, entry: TarEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (entry.size === 0) return Buffer.alloc(0);
  for await (const chunk of entryStream(path, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
