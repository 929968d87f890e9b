/**
 * RTP over a TCP byte stream (RFC 4571; GB/T 28181-2022 Annex D): each packet behind its 2-byte
 * big-endian length. Packets wholly inside a chunk are handed out as views; only a packet cut by the
 * end of a chunk is copied (at most 64 KiB kept). A zero length is skipped.
 */
export class Rfc4571Reader {
  private carry: Buffer | undefined;

  constructor(private readonly onPacket: (packet: Buffer) => void) {}

  push(chunk: Buffer): void {
    let data = chunk;
    if (this.carry) {
      data = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let at = 0;
    while (data.length - at >= 2) {
      const length = data.readUInt16BE(at);
      if (data.length - at - 2 < length) break;
      if (length > 0) this.onPacket(data.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
    if (at < data.length) this.carry = Buffer.from(data.subarray(at));
  }
}
