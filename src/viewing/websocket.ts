/**
 * The little of WebSocket (RFC 6455) the live wall needs, server side: the handshake answer, binary
 * frames out, and reading the client's (masked) control frames. A browser holds at most six HTTP/1.1
 * connections per server, so a wall of nine or sixteen endless HTTP streams would starve itself and
 * every API call of the page; WebSockets do not count against that limit.
 */
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const OPCODE = { text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** The header of one unmasked, final frame (server to client) of `length` payload bytes. */
export function frameHeader(opcode: number, length: number): Buffer {
  if (length < 126) return Buffer.from([0x80 | opcode, length]);
  if (length < 0x10000) {
    const h = Buffer.alloc(4);
    h[0] = 0x80 | opcode;
    h[1] = 126;
    h.writeUInt16BE(length, 2);
    return h;
  }
  const h = Buffer.alloc(10);
  h[0] = 0x80 | opcode;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return h;
}

export interface Frame {
  opcode: number;
  payload: Buffer;
}

/** Reads the client's frames from a byte stream (they are masked); a frame too large throws. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(private readonly maxPayload = 64 * 1024) {}

  push(bytes: Buffer): Frame[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, bytes]) : bytes;
    const frames: Frame[] = [];
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) break;
      const masked = (b[1]! & 0x80) !== 0;
      let length = b[1]! & 0x7f;
      let at = 2;
      if (length === 126) {
        if (b.length < 4) break;
        length = b.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (b.length < 10) break;
        const big = b.readBigUInt64BE(2);
        if (big > BigInt(this.maxPayload)) throw new Error('frame too large');
        length = Number(big);
        at = 10;
      }
      if (length > this.maxPayload) throw new Error('frame too large');
      const maskAt = at;
      if (masked) at += 4;
      if (b.length < at + length) break;
      const payload = Buffer.from(b.subarray(at, at + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= b[maskAt + (i % 4)]!;
      frames.push({ opcode: b[0]! & 0x0f, payload });
      this.buffer = b.subarray(at + length);
    }
    return frames;
  }
}
