/**
 * The video elementary stream of a Program Stream (Annex B bytes in PES payloads) cut into access
 * units. A PES packet need not hold one picture: GB/T 28181 devices send one picture per pack, split
 * over several PES packets, while ffmpeg fills fixed-size packs that carry the end of one picture
 * and the start of the next. So pictures are found where H.264/H.265 say they are (the first NAL
 * unit that begins an access unit after a slice), helped by two hints that end one at once: the RTP
 * marker, and a PES packet with a new PTS that begins with a start code. The PTS of a PES packet
 * belongs to the first access unit that begins in it (ISO/IEC 13818-1 §2.4.3.7).
 *
 * The bytes are copied once, into a buffer per picture; the NAL units handed out are views into it,
 * each 4-byte start code overwritten with the NAL unit's length, so that the fMP4 sample is a view too
 * (see `sampleDataOf`). A picture larger than `maxBytes` is dropped and counted.
 */
import { h264StartsAccessUnit, isH264Vcl, H264_IDR, H264_PPS, H264_SPS } from '../h264/nal.ts';
import { h265StartsAccessUnit, isH265Keyframe, isH265Vcl, H265_PPS, H265_SPS, H265_VPS } from '../h265/nal.ts';
import { ParameterSetStore } from '../rtp/parameter-set-store.ts';
import type { AccessUnit, VideoCodec } from '../types.ts';
import type { PesTimes } from './ps-parser.ts';

export interface EsStats {
  accessUnits: number;
  keyframes: number;
  /** Pictures that lost data (loss, over the size limit): never emitted. */
  brokenAccessUnits: number;
  /** Completed but not emitted: broken, or while waiting for a keyframe, or before the codec was known. */
  droppedAccessUnits: number;
  oversizedPictures: number;
}

interface Nal {
  /** Start of its start code (3 or 4 bytes). */
  sc: number;
  start: number;
  end: number;
}

interface Stamp {
  offset: number;
  time: number;
}

const MIN_CAPACITY = 64 * 1024;
const MAX_NALUS = 4096;
const MAX_STAMPS = 64;
const TWO_POW_32 = 2 ** 32;
const DEFAULT_TICKS = 3600;

export class EsAssembler {
  readonly stats: EsStats = { accessUnits: 0, keyframes: 0, brokenAccessUnits: 0, droppedAccessUnits: 0, oversizedPictures: 0 };
  private params: ParameterSetStore | undefined;
  private codecOf: VideoCodec | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private len = 0;
  private scanFrom = 0;
  private open: { sc: number; start: number } | undefined;
  private nals: Nal[] = [];
  private sawVcl = false;
  private keyframe = false;
  private auTime: number | undefined;
  private stamps: Stamp[] = [];
  private boundaryPending = false;
  private discarding = false;
  private waiting = true;
  private lastTime: number | undefined;
  private lastTicks = DEFAULT_TICKS;
  private arrivalMs = 0;
  private out: AccessUnit[] = [];

  constructor(
    private readonly maxBytes: number,
    codec?: VideoCodec,
  ) {
    if (codec) this.setCodec(codec);
  }

  get codec(): VideoCodec | undefined {
    return this.codecOf;
  }

  get parameterSets() {
    return this.params?.current;
  }

  get parameterSetsVersion(): number {
    return this.params?.version ?? 0;
  }

  /** Bytes held for the open picture (its buffer's capacity). */
  get heldBytes(): number {
    return this.buf.length;
  }

  /** The access units completed since the last call. */
  take(): AccessUnit[] {
    const out = this.out;
    if (out.length > 0) this.out = [];
    return out;
  }

  setArrival(arrivalMs: number): void {
    this.arrivalMs = arrivalMs;
  }

  setCodec(codec: VideoCodec): void {
    if (this.codecOf === codec) return;
    if (this.codecOf) this.lose();
    this.codecOf = codec;
    this.params = new ParameterSetStore(codec);
  }

  pesStart(times: PesTimes): void {
    const time = times.dts ?? times.pts;
    if (time === undefined) return;
    this.discarding = false;
    this.stamps.push({ offset: this.len, time: time % TWO_POW_32 });
    if (this.stamps.length > MAX_STAMPS) this.stamps.shift();
    this.boundaryPending = true;
  }

  pesData(data: Buffer): void {
    if (this.discarding) return;
    if (this.boundaryPending) {
      this.boundaryPending = false;
      if (startsWithStartCode(data)) this.boundary(this.stamps[this.stamps.length - 1]!.time);
    }
    if (this.len + data.length > this.maxBytes) return this.oversized();
    this.append(data);
    this.scan();
  }

  /** The RTP marker: the picture is complete. */
  marker(): void {
    this.boundary(undefined);
  }

  /** End of stream. */
  flush(): void {
    this.boundary(undefined);
  }

  /** Data was lost: the open picture is broken, and the stream restarts at the next keyframe. */
  lose(): void {
    if (this.nals.length > 0 || this.open) {
      this.stats.brokenAccessUnits++;
      this.stats.droppedAccessUnits++;
    }
    this.reset();
    this.waiting = true;
  }

  private reset(): void {
    this.len = 0;
    this.scanFrom = 0;
    this.open = undefined;
    this.nals = [];
    this.sawVcl = false;
    this.keyframe = false;
    this.auTime = undefined;
    this.stamps = [];
    this.boundaryPending = false;
  }

  private oversized(): void {
    this.stats.oversizedPictures++;
    this.lose();
    this.buf = Buffer.alloc(0);
    this.discarding = true;
  }

  /** Ends the open NAL unit here; ends the picture if it has a slice and `time` (if given) is another picture's. */
  private boundary(time: number | undefined): void {
    if (this.open) {
      this.complete(this.open.sc, this.open.start, this.len);
      this.open = undefined;
      this.scanFrom = this.len;
    }
    if (this.sawVcl && (time === undefined || time !== this.auTime)) this.emit(this.len);
  }

  private append(data: Buffer): void {
    const need = this.len + data.length;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.min(this.maxBytes, Math.max(MIN_CAPACITY, need * 2)));
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    data.copy(this.buf, this.len);
    this.len = need;
  }

  private scan(): void {
    let i = this.scanFrom;
    while (i + 2 < this.len) {
      const buf = this.buf;
      if (buf[i + 2]! > 1) i += 3;
      else if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) {
        let sc = i > 0 && buf[i - 1] === 0 ? i - 1 : i;
        const before = this.len;
        if (this.open) this.complete(this.open.sc, this.open.start, i);
        // `complete` may have handed a picture out and moved the bytes after it to a new buffer.
        const shift = before - this.len;
        sc -= shift;
        i += 3 - shift;
        if (this.nals.length === 0 && sc > 0) {
          // Nothing kept before this start code (bytes after a loss, before the codec is known): dropped.
          this.buf.copy(this.buf, 0, sc, this.len);
          this.restart(sc, this.buf);
          i -= sc;
          sc = 0;
        }
        this.open = { sc, start: i };
      } else i++;
    }
    this.scanFrom = Math.max(i, this.len - 2, 0);
  }

  private complete(sc: number, start: number, rawEnd: number): void {
    let end = rawEnd;
    while (end > start && this.buf[end - 1] === 0) end--;
    if (end - start < 1) return;
    const codec = this.codecOf ?? this.sniff(start, end);
    if (!codec) return;
    const b0 = this.buf[start]!;
    let type: number;
    let starts: boolean;
    let vcl: boolean;
    let key: boolean;
    if (codec === 'h264') {
      type = b0 & 0x1f;
      starts = h264StartsAccessUnit(type, end - start > 1 ? this.buf[start + 1]! : 0);
      vcl = isH264Vcl(type);
      key = type === H264_IDR;
    } else {
      type = (b0 >>> 1) & 0x3f;
      starts = h265StartsAccessUnit(type, end - start > 2 ? this.buf[start + 2]! : 0);
      vcl = isH265Vcl(type);
      key = isH265Keyframe(type);
    }
    if (starts && this.sawVcl) {
      this.emit(sc);
      const cut = sc;
      sc -= cut;
      start -= cut;
      end -= cut;
    }
    if (this.nals.length === 0) this.auTime = this.stampFor(start);
    if (this.nals.length >= MAX_NALUS) return;
    this.nals.push({ sc, start, end });
    if (vcl) this.sawVcl = true;
    if (key) this.keyframe = true;
    const nal = this.buf.subarray(start, end);
    if (codec === 'h264') {
      if (type === H264_SPS) this.params!.update('sps', nal);
      else if (type === H264_PPS) this.params!.update('pps', nal);
    } else if (type === H265_VPS) this.params!.update('vps', nal);
    else if (type === H265_SPS) this.params!.update('sps', nal);
    else if (type === H265_PPS) this.params!.update('pps', nal);
  }

  /** Without a program stream map, the first parameter set tells the codec. */
  private sniff(start: number, end: number): VideoCodec | undefined {
    const b0 = this.buf[start]!;
    if (b0 === 0x40 && end - start > 1 && this.buf[start + 1] === 0x01) this.setCodec('h265');
    else if ((b0 & 0x9f) === H264_SPS) this.setCodec('h264');
    return this.codecOf;
  }

  /** The time of the PES packet the access unit starting at `start` began in, if no earlier one took it. */
  private stampFor(start: number): number | undefined {
    let found = -1;
    for (let i = 0; i < this.stamps.length; i++) if (this.stamps[i]!.offset <= start) found = i;
    if (found < 0) return undefined;
    const time = this.stamps[found]!.time;
    this.stamps.splice(0, found + 1);
    return time;
  }

  /** The picture is [its first start code, cut): hand it out (or drop it), keep the bytes after. */
  private emit(cut: number): void {
    const nals = this.nals;
    const buf = this.buf;
    const stats = this.stats;
    const keyframe = this.keyframe;
    const time = this.auTime ?? (this.lastTime === undefined ? 0 : (this.lastTime + this.lastTicks) % TWO_POW_32);
    if (this.lastTime !== undefined) {
      const ticks = (time - this.lastTime + TWO_POW_32) % TWO_POW_32;
      if (ticks > 0 && ticks < 90_000 * 10) this.lastTicks = ticks;
    }
    this.lastTime = time;
    const broken = nals.length >= MAX_NALUS;
    if (broken || (this.waiting && !keyframe)) {
      if (broken) stats.brokenAccessUnits++;
      stats.droppedAccessUnits++;
      if (broken) this.waiting = true;
      // Nothing handed out: the buffer is used again.
      buf.copy(buf, 0, cut, this.len);
      this.restart(cut, buf);
      return;
    }
    this.waiting = false;
    const nalus: Buffer[] = new Array<Buffer>(nals.length);
    for (let i = 0; i < nals.length; i++) {
      const { start, end } = nals[i]!;
      // A 4-byte start code becomes the NAL unit's length: the fMP4 sample is then a view (sampleDataOf).
      if (start - 4 >= nals[0]!.sc && buf[start - 4] === 0 && buf[start - 3] === 0 && buf[start - 2] === 0) buf.writeUInt32BE(end - start, start - 4);
      nalus[i] = buf.subarray(start, end);
    }
    stats.accessUnits++;
    if (keyframe) stats.keyframes++;
    this.out.push({ codec: this.codecOf!, nalus, rtpTimestamp: time, keyframe, arrivalMs: this.arrivalMs });
    const rest = this.len - cut;
    const fresh = Buffer.allocUnsafeSlow(Math.min(this.maxBytes, Math.max(MIN_CAPACITY, rest * 2, Math.min(buf.length, cut * 2))));
    buf.copy(fresh, 0, cut, this.len);
    this.restart(cut, fresh);
  }

  private restart(cut: number, buf: Buffer): void {
    this.buf = buf;
    this.len -= cut;
    this.scanFrom = Math.max(0, this.scanFrom - cut);
    if (this.open) this.open = { sc: this.open.sc - cut, start: this.open.start - cut };
    for (const stamp of this.stamps) stamp.offset -= cut;
    this.nals = [];
    this.sawVcl = false;
    this.keyframe = false;
    this.auTime = undefined;
  }
}

function startsWithStartCode(data: Buffer): boolean {
  if (data.length < 3 || data[0] !== 0 || data[1] !== 0) return false;
  return data[2] === 1 || (data[2] === 0 && data[3] === 1);
}
