/** RTCP sender reports (RFC 3550 §6.4.1): the camera's mapping of RTP time to wall-clock time. */

export interface SenderReport {
  ssrc: number;
  /** NTP timestamp as Unix milliseconds (fractional). */
  ntpMs: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_OFFSET_SEC = 2_208_988_800;
const SR = 200;

/** The first sender report in a (compound) RTCP packet, or undefined. Never throws. */
export function parseRtcpSenderReport(packet: Buffer): SenderReport | undefined {
  let pos = 0;
  while (pos + 4 <= packet.length) {
    const first = packet[pos] ?? 0;
    if (first >> 6 !== 2) return undefined;
    const type = packet[pos + 1];
    const bytes = (packet.readUInt16BE(pos + 2) + 1) * 4;
    if (pos + bytes > packet.length) return undefined;
    if (type === SR && bytes >= 28) {
      const seconds = packet.readUInt32BE(pos + 8);
      const fraction = packet.readUInt32BE(pos + 12);
      return {
        ssrc: packet.readUInt32BE(pos + 4),
        ntpMs: (seconds - NTP_UNIX_OFFSET_SEC) * 1000 + (fraction / 2 ** 32) * 1000,
        rtpTimestamp: packet.readUInt32BE(pos + 16),
        packetCount: packet.readUInt32BE(pos + 20),
        octetCount: packet.readUInt32BE(pos + 24),
      };
    }
    pos += bytes;
  }
  return undefined;
}

/** Converts RTP timestamps of one stream to wall-clock ms using its latest sender report. */
export class RtpWallClock {
  private latest: SenderReport | undefined;

  constructor(
    private readonly clockRate = 90000,
    /** When set, reports from other sources are ignored. */
    private ssrc?: number,
  ) {}

  /** Takes an RTCP packet (compound or not); true when it carried a sender report we use. */
  onRtcp(packet: Buffer): boolean {
    const report = parseRtcpSenderReport(packet);
    if (!report || (this.ssrc !== undefined && report.ssrc !== this.ssrc)) return false;
    this.latest = report;
    return true;
  }

  setSsrc(ssrc: number): void {
    if (this.latest && this.latest.ssrc !== ssrc) this.latest = undefined;
    this.ssrc = ssrc;
  }

  /** The NTP time (Unix ms) of the latest sender report, or undefined before the first. */
  get latestNtpMs(): number | undefined {
    return this.latest?.ntpMs;
  }

  get synchronised(): boolean {
    return this.latest !== undefined;
  }

  /**
   * Wall-clock ms of an RTP timestamp, or undefined before the first report. The difference is
   * taken modulo 2^32 as a signed value, so it holds across the timestamp's wrap (±6.6 h at 90 kHz).
   */
  toWallMs(rtpTimestamp: number): number | undefined {
    const report = this.latest;
    if (!report) return undefined;
    const ticks = (rtpTimestamp - report.rtpTimestamp) | 0;
    return report.ntpMs + (ticks * 1000) / this.clockRate;
  }
}
