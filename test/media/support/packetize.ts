/**
 * A minimal test-only RTP packetizer (RFC 6184 mode 1, RFC 7798 without DON): small neighbouring
 * NAL units aggregated (STAP-A / AP), large ones fragmented (FU-A / FU), the rest one per packet;
 * the marker bit on each access unit's last packet.
 */
export interface TestPacket {
  data: Buffer;
  /** Index of the access unit it carries. */
  au: number;
  seq: number;
  marker: boolean;
  kind: 'single' | 'aggregate' | 'fragment';
}

export interface PacketizeOptions {
  mtu?: number;
  firstSeq?: number;
  firstTimestamp?: number;
  ticksPerFrame?: number;
  ssrc?: number;
  payloadType?: number;
}

export function rtpHeader(marker: boolean, payloadType: number, seq: number, timestamp: number, ssrc: number): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | payloadType;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE(timestamp >>> 0, 4);
  header.writeUInt32BE(ssrc >>> 0, 8);
  return header;
}

export function packetize(codec: 'h264' | 'h265', accessUnits: readonly Buffer[][], options: PacketizeOptions = {}): TestPacket[] {
  const mtu = options.mtu ?? 1200;
  const headerLength = codec === 'h264' ? 1 : 2;
  const packets: TestPacket[] = [];
  let seq = options.firstSeq ?? 0;
  const payloadType = options.payloadType ?? 96;
  const ssrc = options.ssrc ?? 0x12345678;
  accessUnits.forEach((nalus, au) => {
    const timestamp = (options.firstTimestamp ?? 0) + au * (options.ticksPerFrame ?? 3600);
    const payloads: { payload: Buffer; kind: TestPacket['kind'] }[] = [];
    let i = 0;
    while (i < nalus.length) {
      const nal = nalus[i]!;
      if (nal.length > mtu) {
        payloads.push(...fragment(codec, nal, mtu).map((payload) => ({ payload, kind: 'fragment' as const })));
        i++;
        continue;
      }
      let j = i;
      let size = headerLength;
      while (j < nalus.length && size + 2 + nalus[j]!.length <= mtu) size += 2 + nalus[j++]!.length;
      if (j - i >= 2) {
        payloads.push({ payload: aggregate(codec, nalus.slice(i, j)), kind: 'aggregate' });
        i = j;
      } else {
        payloads.push({ payload: nal, kind: 'single' });
        i++;
      }
    }
    payloads.forEach(({ payload, kind }, k) => {
      const marker = k === payloads.length - 1;
      packets.push({ data: Buffer.concat([rtpHeader(marker, payloadType, seq, timestamp, ssrc), payload]), au, seq: seq & 0xffff, marker, kind });
      seq++;
    });
  });
  return packets;
}

function aggregate(codec: 'h264' | 'h265', nalus: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  if (codec === 'h264') {
    let nri = 0;
    for (const nal of nalus) nri = Math.max(nri, nal[0]! & 0x60);
    parts.push(Buffer.from([nri | 24]));
  } else {
    let tid = 7;
    for (const nal of nalus) tid = Math.min(tid, nal[1]! & 0x07);
    parts.push(Buffer.from([48 << 1, tid]));
  }
  for (const nal of nalus) {
    const size = Buffer.alloc(2);
    size.writeUInt16BE(nal.length);
    parts.push(size, nal);
  }
  return Buffer.concat(parts);
}

function fragment(codec: 'h264' | 'h265', nal: Buffer, mtu: number): Buffer[] {
  const out: Buffer[] = [];
  const headerLength = codec === 'h264' ? 1 : 2;
  const body = nal.subarray(headerLength);
  const chunk = mtu - headerLength - 1;
  for (let offset = 0; offset < body.length; offset += chunk) {
    const start = offset === 0 ? 0x80 : 0;
    const end = offset + chunk >= body.length ? 0x40 : 0;
    const piece = body.subarray(offset, offset + chunk);
    if (codec === 'h264') {
      const type = nal[0]! & 0x1f;
      out.push(Buffer.concat([Buffer.from([(nal[0]! & 0xe0) | 28, start | end | type]), piece]));
    } else {
      const type = (nal[0]! >>> 1) & 0x3f;
      out.push(Buffer.concat([Buffer.from([(nal[0]! & 0x81) | (49 << 1), nal[1]!, start | end | type]), piece]));
    }
  }
  return out;
}
