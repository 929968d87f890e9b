/**
 * PS over RTP as GB/T 28181-2022 devices send it: one PS pack per picture split into RTP packets of at
 * most `mtu` bytes (payload type 96, 90 kHz, the marker on the last packet of the picture, the SSRC of
 * the INVITE's y= line). Over TCP each packet is framed with a 2-byte length (RFC 4571).
 */
import { RTP_HEADER_BYTES, RTP_MTU } from '../simulator/packetizer.ts';

export const PS_PAYLOAD_TYPE = 96;

export interface RtpPsStamp {
  /** Sequence number of the first packet; the following ones count up (mod 2^16). */
  sequence: number;
  timestamp: number;
  ssrc: number;
}

/** The RTP packets of one PS pack; `framed` adds the RFC 4571 length before each (TCP). */
export function packetizePs(pack: Buffer, stamp: RtpPsStamp, options: { mtu?: number; framed?: boolean; payloadType?: number } = {}): Buffer[] {
  const room = (options.mtu ?? RTP_MTU) - RTP_HEADER_BYTES;
  const prefix = options.framed ? 2 : 0;
  const packets: Buffer[] = [];
  const count = Math.max(1, Math.ceil(pack.length / room));
  for (let i = 0; i < count; i++) {
    const payload = pack.subarray(i * room, (i + 1) * room);
    const packet = Buffer.allocUnsafe(prefix + RTP_HEADER_BYTES + payload.length);
    if (prefix) packet.writeUInt16BE(RTP_HEADER_BYTES + payload.length, 0);
    packet[prefix] = 0x80;
    packet[prefix + 1] = (i === count - 1 ? 0x80 : 0) | ((options.payloadType ?? PS_PAYLOAD_TYPE) & 0x7f);
    packet.writeUInt16BE((stamp.sequence + i) & 0xffff, prefix + 2);
    packet.writeUInt32BE(stamp.timestamp >>> 0, prefix + 4);
    packet.writeUInt32BE(stamp.ssrc >>> 0, prefix + 8);
    payload.copy(packet, prefix + RTP_HEADER_BYTES);
    packets.push(packet);
  }
  return packets;
}
