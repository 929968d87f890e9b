/** RTCP sender report with SDES CNAME (RFC 3550 §6.4.1, §6.5): ties an RTP timestamp to NTP wall-clock time. */

const NTP_UNIX_OFFSET_S = 2_208_988_800;

export interface SenderReport {
  ssrc: number;
  /** Wall-clock time, Unix milliseconds (fractional allowed). */
  wallMs: number;
  rtpTimestamp: number;
  packets: number;
  octets: number;
  cname: string;
}

/** A compound RTCP packet: SR (no report blocks) then SDES with one CNAME item. */
export function senderReport(sr: SenderReport): Buffer {
  const cname = Buffer.from(sr.cname, 'utf8').subarray(0, 255);
  // SDES chunk: SSRC, CNAME item (type, length, text), a terminating zero, padded to 32 bits.
  const chunk = 4 + 2 + cname.length + 1;
  const sdesBytes = 4 + Math.ceil(chunk / 4) * 4;
  const out = Buffer.alloc(28 + sdesBytes);
  out[0] = 0x80;
  out[1] = 200;
  out.writeUInt16BE(6, 2);
  out.writeUInt32BE(sr.ssrc >>> 0, 4);
  const seconds = Math.floor(sr.wallMs / 1000);
  out.writeUInt32BE((seconds + NTP_UNIX_OFFSET_S) >>> 0, 8);
  out.writeUInt32BE(Math.floor(((sr.wallMs - seconds * 1000) / 1000) * 2 ** 32) >>> 0, 12);
  out.writeUInt32BE(sr.rtpTimestamp >>> 0, 16);
  out.writeUInt32BE(sr.packets >>> 0, 20);
  out.writeUInt32BE(sr.octets >>> 0, 24);
  out[28] = 0x81;
  out[29] = 202;
  out.writeUInt16BE(sdesBytes / 4 - 1, 30);
  out.writeUInt32BE(sr.ssrc >>> 0, 32);
  out[36] = 1;
  out[37] = cname.length;
  cname.copy(out, 38);
  return out;
}
