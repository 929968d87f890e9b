import { RtpDepacketizer, type DepacketizerOptions } from '../rtp/depacketizer.ts';
import { H264_FU_A, H264_IDR, H264_PPS, H264_SPS, H264_STAP_A, h264StartsAccessUnit, isH264Vcl } from './nal.ts';

/** RFC 6184 packetization mode 1: single NAL unit packets, STAP-A and FU-A. */
export class H264Depacketizer extends RtpDepacketizer {
  constructor(options: DepacketizerOptions = {}) {
    super('h264', options);
  }

  protected readPayload(payload: Buffer): void {
    const header = payload[0]!;
    // forbidden_zero_bit: the sender marks a NAL unit it knows to be damaged.
    if (header & 0x80) return this.malformed();
    const type = header & 0x1f;
    if (type === H264_FU_A) return this.readFragment(payload);
    if (this.fragments.active) this.abandonFragment();
    if (type >= 1 && type <= 23) return this.nal(payload);
    if (type === H264_STAP_A) return this.readAggregate(payload);
    // STAP-B, MTAP and FU-B belong to the interleaved mode, which cameras do not use.
    this.malformed();
  }

  protected startsAccessUnit(payload: Buffer): boolean {
    const type = payload[0]! & 0x1f;
    if (type === H264_STAP_A) return payload.length > 3 && h264StartsAccessUnit(payload[3]! & 0x1f, payload[4] ?? 0);
    if (type === H264_FU_A) return payload.length > 2 && (payload[1]! & 0x80) !== 0 && h264StartsAccessUnit(payload[1]! & 0x1f, payload[2]!);
    return h264StartsAccessUnit(type, payload[1] ?? 0);
  }

  private readAggregate(payload: Buffer): void {
    let offset = 1;
    while (offset < payload.length) {
      if (offset + 2 > payload.length) return this.malformed();
      const size = (payload[offset]! << 8) | payload[offset + 1]!;
      offset += 2;
      if (size === 0 || offset + size > payload.length) return this.malformed();
      this.nal(payload.subarray(offset, offset + size));
      offset += size;
    }
  }

  private readFragment(payload: Buffer): void {
    if (payload.length < 2) return this.malformed();
    const fuHeader = payload[1]!;
    const type = fuHeader & 0x1f;
    const fragment = payload.subarray(2);
    const fragments = this.fragments;
    if (fuHeader & 0x80) {
      if (fragments.active) this.abandonFragment();
      fragments.start(type, (payload[0]! & 0xe0) | type, -1, fragment);
    } else if (!fragments.active || fragments.nalType !== type) {
      if (fragments.active) this.abandonFragment();
      return this.malformed();
    } else if (!fragments.append(fragment)) {
      return this.abandonFragment();
    }
    if (fuHeader & 0x40) this.nal(fragments.finish());
  }

  private nal(nal: Buffer): void {
    const type = nal[0]! & 0x1f;
    if (type === H264_SPS) this.params.update('sps', nal);
    else if (type === H264_PPS) this.params.update('pps', nal);
    this.addNal(nal, isH264Vcl(type), type === H264_IDR);
  }
}
