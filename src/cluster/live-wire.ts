/**
 * The framing of live chunks between a recorder's live server and an API process: per frame a 14-byte
 * header (type, flags, wall clock as float64 ms, payload length) and the payload. A heartbeat frame (no
 * payload) every few seconds lets the API side tell a silent camera from a dead connection.
 *
 *   0      1      2            10            14
 *   type   flags  wallMs f64   length u32    payload…
 *
 * The parser reads network input: anything malformed throws LiveWireError, and it never holds more than
 * one header plus the largest payload allowed.
 */
import type { LiveChunk } from '../viewing/live-hub.ts';

const HEADER = 14;
const TYPE_INIT = 1;
const TYPE_FRAGMENT = 2;
const TYPE_HEARTBEAT = 3;
const FLAG_KEYFRAME = 1;
/** Larger than any fragment a recorder cuts (200 ms live chunks, whole segments' inits). */
export const MAX_LIVE_PAYLOAD = 32 * 1024 * 1024;

export class LiveWireError extends Error {}

export function encodeLiveChunk(chunk: LiveChunk): Buffer {
  const header = Buffer.alloc(HEADER);
  header[0] = chunk.kind === 'init' ? TYPE_INIT : TYPE_FRAGMENT;
  header[1] = chunk.keyframe ? FLAG_KEYFRAME : 0;
  header.writeDoubleBE(chunk.wallMs, 2);
  header.writeUInt32BE(chunk.data.length, 10);
  return Buffer.concat([header, chunk.data]);
}

export function encodeHeartbeat(wallMs: number): Buffer {
  const header = Buffer.alloc(HEADER);
  header[0] = TYPE_HEARTBEAT;
  header.writeDoubleBE(wallMs, 2);
  return header;
}

export type LiveFrame = LiveChunk | { kind: 'heartbeat'; wallMs: number };

export class LiveFrameParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes the frame at the front needs in all, once its header is read (no copying until they are there). */
  private needed = HEADER;

  constructor(private readonly maxPayload = MAX_LIVE_PAYLOAD) {}

  /** Bytes held for a frame not yet complete. */
  get heldBytes(): number {
    return this.pendingBytes;
  }

  /** The frames completed by `bytes`, in order. */
  push(bytes: Uint8Array): LiveFrame[] {
    if (bytes.length > 0) {
      this.pending.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      this.pendingBytes += bytes.length;
    }
    const frames: LiveFrame[] = [];
    while (this.pendingBytes >= this.needed) {
      const buffer = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
      this.pending = [buffer];
      const length = this.header(buffer);
      this.needed = HEADER + length;
      if (buffer.length < this.needed) break;
      const type = buffer[0] as number;
      const wallMs = buffer.readDoubleBE(2);
      if (type === TYPE_HEARTBEAT) frames.push({ kind: 'heartbeat', wallMs });
      else frames.push({ kind: type === TYPE_INIT ? 'init' : 'fragment', data: Uint8Array.prototype.slice.call(buffer, HEADER, this.needed), wallMs, keyframe: buffer[1] === FLAG_KEYFRAME });
      const rest = buffer.subarray(this.needed);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
      this.needed = HEADER;
    }
    return frames;
  }

  /** Checks the header at the front of `buffer`; answers its payload length. */
  private header(buffer: Buffer): number {
    const type = buffer[0] as number;
    const flags = buffer[1] as number;
    const wallMs = buffer.readDoubleBE(2);
    const length = buffer.readUInt32BE(10);
    if (type !== TYPE_INIT && type !== TYPE_FRAGMENT && type !== TYPE_HEARTBEAT) throw new LiveWireError(`unknown frame type ${type}`);
    if ((flags & ~FLAG_KEYFRAME) !== 0) throw new LiveWireError(`unknown flags ${flags}`);
    if (!Number.isFinite(wallMs) || wallMs < 0) throw new LiveWireError('wall clock out of range');
    if (length > this.maxPayload) throw new LiveWireError(`payload of ${length} bytes over the limit`);
    if (type === TYPE_HEARTBEAT && (length !== 0 || flags !== 0)) throw new LiveWireError('heartbeat with a payload');
    return length;
  }
}
