import { RtpDepacketizer, type DepacketizerOptions } from '../rtp/depacketizer.ts';
import { H265_AP, H265_FU, H265_PPS, H265_SPS, H265_VPS, h265StartsAccessUnit, isH265Keyframe, isH265Vcl } from './nal.ts';

/** RFC 7798 without DON (sprop-max-don-diff = 0, as cameras send): single NAL unit packets, AP and FU. */
export class H265Depacketizer extends RtpDepacketizer {
  constructor(options: DepacketizerOptions = {}) {
    super('h265', options);
  }

  protected readPayload(payload: Buffer): void {
    const header = payload[0]!;
    if (payload.length < 2 || header & 0x80) return this.malformed();
    const type = (header >>> 1) & 0x3f;
    if (type === H265_FU) return this.readFragment(payload);
    if (this.fragments.active) this.abandonFragment();
    if (type < H265_AP) return this.nal(payload);
    if (type === H265_AP) return this.readAggregate(payload);
    // PACI (50) and reserved types.
    this.malformed();
  }

  protected startsAccessUnit(payload: Buffer): boolean {
    const type = (payload[0]! >>> 1) & 0x3f;
    if (type === H265_AP) return payload.length > 5 && h265StartsAccessUnit((payload[4]! >>> 1) & 0x3f, payload[6] ?? 0);
    if (type === H265_FU) return payload.length > 3 && (payload[2]! & 0x80) !== 0 && h265StartsAccessUnit(payload[2]! & 0x3f, payload[3]!);
    return h265StartsAccessUnit(type, payload[2] ?? 0);
  }

  private readAggregate(payload: Buffer): void {
    let offset = 2;
    while (offset < payload.length) {
      if (offset + 2 > payload.length) return this.malformed();
      const size = (payload[offset]! << 8) | payload[offset + 1]!;
      offset += 2;
      if (size < 2 || offset + size > payload.length) return this.malformed();
      this.nal(payload.subarray(offset, offset + size));
      offset += size;
    }
  }

  private readFragment(payload: Buffer): void {
    if (payload.length < 3) return this.malformed();
    const fuHeader = payload[2]!;
    const type = fuHeader & 0x3f;
    const fragment = payload.subarray(3);
    const fragments = this.fragments;
    if (fuHeader & 0x80) {
      if (fragments.active) this.abandonFragment();
      fragments.start(type, (payload[0]! & 0x81) | (type << 1), payload[1]!, fragment);
    } else if (!fragments.active || fragments.nalType !== type) {
      if (fragments.active) this.abandonFragment();
      return this.malformed();
    } else if (!fragments.append(fragment)) {
      return this.abandonFragment();
    }
    if (fuHeader & 0x40) this.nal(fragments.finish());
  }

  private nal(nal: Buffer): void {
    if (nal.length < 2 || nal[0]! & 0x80) return this.malformed();
    const type = (nal[0]! >>> 1) & 0x3f;
    if (type === H265_VPS) this.params.update('vps', nal);
    else if (type === H265_SPS) this.params.update('sps', nal);
    else if (type === H265_PPS) this.params.update('pps', nal);
    this.addNal(nal, isH265Vcl(type), isH265Keyframe(type));
  }
}
