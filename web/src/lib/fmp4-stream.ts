/**
 * Splits a live fMP4 byte stream into top-level boxes: the init (ftyp+moov), each prft (wall clock of
 * the next fragment) and each moof+mdat fragment. Pure, for the browser's live player.
 */

export type StreamPiece = { kind: 'init'; data: Uint8Array; codec: string | null } | { kind: 'prft'; wallMs: number } | { kind: 'media'; data: Uint8Array };

const NTP_EPOCH_OFFSET_S = 2_208_988_800;
const type = (b: Uint8Array, at: number) => String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
const hex = (n: number) => n.toString(16).padStart(2, '0');

/** The RFC 6381 codec of an init segment's avcC ('avc1.PPCCLL'), or null for anything else (e.g. H.265). */
export function codecOf(init: Uint8Array): string | null {
  for (let i = 0; i + 7 < init.length; i++) {
    if (init[i] === 0x61 && init[i + 1] === 0x76 && init[i + 2] === 0x63 && init[i + 3] === 0x43) return `avc1.${hex(init[i + 5]!)}${hex(init[i + 6]!)}${hex(init[i + 7]!)}`;
  }
  return null;
}

export class Fmp4Splitter {
  private buffer = new Uint8Array(0);
  private init: Uint8Array[] = [];

  /** Feeds bytes; returns the complete pieces they finish. */
  push(bytes: Uint8Array): StreamPiece[] {
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer);
    joined.set(bytes, this.buffer.length);
    const out: StreamPiece[] = [];
    let at = 0;
    let mediaStart = -1;
    const view = new DataView(joined.buffer);
    while (at + 8 <= joined.length) {
      const size = view.getUint32(at);
      if (size < 8 || at + size > joined.length) break;
      const box = type(joined, at);
      const data = joined.subarray(at, at + size);
      if (box === 'ftyp') this.init = [data];
      else if (box === 'moov') {
        const init = concat([...this.init, data]);
        this.init = [];
        out.push({ kind: 'init', data: init, codec: codecOf(init) });
      } else if (box === 'prft') out.push({ kind: 'prft', wallMs: (view.getUint32(at + 16) - NTP_EPOCH_OFFSET_S) * 1000 + Math.round((view.getUint32(at + 20) / 0x1_0000_0000) * 1000) });
      else if (box === 'moof') mediaStart = at;
      else if (box === 'mdat' && mediaStart >= 0) {
        out.push({ kind: 'media', data: joined.slice(mediaStart, at + size) });
        mediaStart = -1;
      }
      at += size;
    }
    const keepFrom = mediaStart >= 0 ? mediaStart : at;
    this.buffer = joined.slice(keepFrom);
    return out;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
