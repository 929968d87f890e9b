import type { ParameterSets, VideoCodec } from '../types.ts';

export type ParameterSetKind = 'vps' | 'sps' | 'pps';

/**
 * The current parameter sets of a stream: from the SDP first, replaced by in-band ones when these
 * differ. `version` grows on every change, so the muxer knows when to write a new init segment.
 * An in-band set replaces all sets of its kind (one SPS and one PPS, as cameras send them).
 */
export class ParameterSetStore {
  version = 0;
  private vps: Buffer[];
  private sps: Buffer[];
  private pps: Buffer[];
  private snapshot: ParameterSets | undefined;

  constructor(
    private readonly codec: ParameterSets['codec'],
    initial?: ParameterSets,
  ) {
    this.vps = initial?.vps ? [...initial.vps] : [];
    this.sps = initial ? [...initial.sps] : [];
    this.pps = initial ? [...initial.pps] : [];
    this.snapshot = this.build();
  }

  /** Undefined until an SPS and a PPS (and for H.265 a VPS) are known. */
  get current(): ParameterSets | undefined {
    return this.snapshot;
  }

  update(kind: ParameterSetKind, nal: Buffer): void {
    const list = kind === 'sps' ? this.sps : kind === 'pps' ? this.pps : this.vps;
    if (list.length === 1 && list[0]!.equals(nal)) return;
    // A copy: the NAL unit is a view into a packet buffer that the caller may reuse.
    const copy = Buffer.from(nal);
    if (kind === 'sps') this.sps = [copy];
    else if (kind === 'pps') this.pps = [copy];
    else this.vps = [copy];
    this.version++;
    this.snapshot = this.build();
  }

  private build(): ParameterSets | undefined {
    const codec: VideoCodec = this.codec;
    if (this.sps.length === 0 || this.pps.length === 0) return undefined;
    if (codec === 'h265') return this.vps.length === 0 ? undefined : { codec, vps: this.vps, sps: this.sps, pps: this.pps };
    return { codec, sps: this.sps, pps: this.pps };
  }
}
