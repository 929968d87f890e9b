/**
 * The video elementary stream of a Program Stream (Annex B bytes in PES payloads) cut into access
 * units. A PES packet need not hold one picture: GB/T 28181 devices send one picture per pack, split
 * over several PES packets, while ffmpeg fills fixed-size packs that carry the end of one picture
 * and the start of the next. So pictures are found where H.264/H.265 say they are (the first NAL
 * unit that begins an access unit after a slice), helped by two hints that end one at once: the RTP
 * marker, and a PES packet with a new PTS that begins with a start code. The PTS of a PES packet
 * belongs to the first access unit that begins in it (ISO/IEC 13818-1 §2.4.3.7).
 *
 * The bytes are copied once, into chunks of 1 MiB where pictures lie back to back; the NAL units
 * handed out are views into them, each 4-byte start code overwritten with the NAL unit's length, so
 * that the fMP4 sample is a view too (see `sampleDataOf`). As the RTP depacketizers' arena does,
 * chunks wholly before the view given to `releaseThrough` go back to a pool of this thread: a steady
 * stream allocates no new memory. A picture larger than `maxBytes` is dropped and counted.
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

const CHUNK_BYTES = 1024 * 1024;
/** Chunks this assembler moved past with pictures handed out of them, oldest first. */
const MAX_RETIRED = 16;
/** Free chunks kept by this thread. */
const MAX_POOLED = 16;
const pool: Buffer[] = [];
const START_CODE = Buffer.from([0, 0, 1]);
const MAX_NALUS = 4096;
const MAX_STAMPS = 64;
const TWO_POW_32 = 2 ** 32;
const DEFAULT_TICKS = 3600;

export class EsAssembler {
  readonly stats: EsStats = { accessUnits: 0, keyframes: 0, brokenAccessUnits: 0, droppedAccessUnits: 0, oversizedPictures: 0 };
  private params: ParameterSetStore | undefined;
  private codecOf: VideoCodec | undefined;
  private buf: Buffer = Buffer.alloc(0);
  /** Start of the open picture's bytes in `buf` (positions are absolute in `buf`). */
  private base = 0;
  private len = 0;
  /** Whether pictures were handed out of `buf`. */
  private handedOut = false;
  private retired: Buffer[] = [];
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

  /** Bytes held for the open picture (its chunk). */
  get heldBytes(): number {
    return this.buf.length;
  }

  /** Everything handed out before the chunk holding `view` is consumed: those chunks may be used again. */
  releaseThrough(view: Uint8Array): void {
    const index = this.retired.findIndex((chunk) => chunk.buffer === view.buffer);
    const upTo = index >= 0 ? index : view.buffer === this.buf.buffer ? this.retired.length : -1;
    if (upTo <= 0) return;
    for (const chunk of this.retired.splice(0, upTo)) if (chunk.length === CHUNK_BYTES && pool.length < MAX_POOLED) pool.push(chunk);
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
    if (this.len - this.base + data.length > this.maxBytes) return this.oversized();
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
    this.base = this.len;
    this.scanFrom = this.len;
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
    if (this.len + data.length > this.buf.length) this.relocate(this.len - this.base + data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  /** The open picture's bytes move to the start of a chunk with room for `need` bytes. */
  private relocate(need: number): void {
    const old = this.buf;
    const chunkBytes = Math.min(CHUNK_BYTES, this.maxBytes);
    let next: Buffer;
    if (need <= chunkBytes) next = (chunkBytes === CHUNK_BYTES ? pool.pop() : undefined) ?? Buffer.allocUnsafeSlow(chunkBytes);
    else next = Buffer.allocUnsafeSlow(Math.min(this.maxBytes, 2 ** Math.ceil(Math.log2(need))));
    const shift = this.base;
    old.copy(next, 0, shift, this.len);
    this.buf = next;
    this.len -= shift;
    this.base = 0;
    this.scanFrom = Math.max(0, this.scanFrom - shift);
    if (this.open) this.open = { sc: this.open.sc - shift, start: this.open.start - shift };
    for (const nal of this.nals) {
      nal.sc -= shift;
      nal.start -= shift;
      nal.end -= shift;
    }
    for (const stamp of this.stamps) stamp.offset -= shift;
    if (this.handedOut) {
      this.retired.push(old);
      if (this.retired.length > MAX_RETIRED) this.retired.shift();
    } else if (old.length === CHUNK_BYTES && pool.length < MAX_POOLED) pool.push(old);
    this.handedOut = false;
  }

  private scan(): void {
    let i = this.scanFrom;
    const view = this.buf.subarray(0, this.len);
    for (;;) {
      const found = view.indexOf(START_CODE, i);
      if (found < 0) break;
      i = found;
      const buf = this.buf;
      const sc = i > this.base && buf[i - 1] === 0 ? i - 1 : i;
      if (this.open) this.complete(this.open.sc, this.open.start, i);
      // Nothing kept before this start code (bytes after a loss, before the codec is known): skipped.
      if (this.nals.length === 0) this.base = sc;
      i += 3;
      this.open = { sc, start: i };
    }
    this.scanFrom = Math.max(i, this.len - 2);
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
    if (starts && this.sawVcl) this.emit(sc);
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
      this.next(cut);
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
    this.handedOut = true;
    this.next(cut);
  }

  /** The next picture begins at `cut`. */
  private next(cut: number): void {
    this.base = cut;
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
