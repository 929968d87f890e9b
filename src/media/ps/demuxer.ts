/**
 * MPEG-2 Program Stream (ISO/IEC 13818-1) to access units, as GB/T 28181-2022 devices send it over
 * RTP (Annex C): the system layer (ps-parser.ts) hands the video PES payload to the elementary
 * stream assembler (es-assembler.ts), which cuts pictures and keeps the parameter sets in band, as
 * the RTP depacketizers do. `push` never throws; memory is bounded by `maxPictureBytes` (plus a
 * header of at most about 1 KiB); after `lose` it starts again at the next start code and keyframe.
 */
import type { AccessUnit, ParameterSets, VideoCodec } from '../types.ts';
import { EsAssembler, type EsStats } from './es-assembler.ts';
import { PsParser, type PsParserStats } from './ps-parser.ts';

export interface PsDemuxerOptions {
  /** A larger picture is dropped and counted (default 8 MiB). */
  maxPictureBytes?: number;
  /** The codec when the stream has no program stream map yet (otherwise: the PSM, or the first parameter set). */
  codec?: VideoCodec;
}

export type PsDemuxerStats = PsParserStats & EsStats & { bytes: number };

const NONE: readonly AccessUnit[] = Object.freeze([]);

export class PsDemuxer {
  private readonly es: EsAssembler;
  private readonly parser: PsParser;
  private bytes = 0;

  constructor(options: PsDemuxerOptions = {}) {
    this.es = new EsAssembler(options.maxPictureBytes ?? 8 * 1024 * 1024, options.codec);
    const es = this.es;
    this.parser = new PsParser({
      pesStart: (times) => es.pesStart(times),
      pesData: (data) => es.pesData(data),
      codec: (codec) => es.setCodec(codec),
    });
  }

  get stats(): PsDemuxerStats {
    return { ...this.parser.stats, ...this.es.stats, bytes: this.bytes };
  }

  get codec(): VideoCodec | undefined {
    return this.es.codec;
  }

  get parameterSets(): ParameterSets | undefined {
    return this.es.parameterSets;
  }

  get parameterSetsVersion(): number {
    return this.es.parameterSetsVersion;
  }

  /** What the demuxer holds now, in bytes (the open picture's buffer). */
  get heldBytes(): number {
    return this.es.heldBytes;
  }

  /** Pictures lost or broken so far (what a recorder reports as frames lost). */
  get framesLost(): number {
    return this.es.stats.brokenAccessUnits;
  }

  /**
   * Reads a piece of the stream (an RTP payload, a file chunk); `marker` (the RTP marker bit) says the
   * piece ends a picture. Returns the access units it completed; their NAL units are views that stay valid.
   */
  push(piece: Buffer, arrivalMs: number, marker = false): readonly AccessUnit[] {
    this.bytes += piece.length;
    this.es.setArrival(arrivalMs);
    this.parser.push(piece);
    if (marker) this.es.marker();
    const out = this.es.take();
    return out.length > 0 ? out : NONE;
  }

  /** Bytes were lost before the next piece: the open picture is dropped, and reading resumes at the next keyframe. */
  lose(): void {
    this.parser.lose();
    this.es.lose();
  }

  /** End of the stream: the last picture, if whole. */
  flush(arrivalMs: number): readonly AccessUnit[] {
    this.es.setArrival(arrivalMs);
    this.es.flush();
    return this.es.take();
  }

  /**
   * The NAL units handed out up to the one `view` belongs to have been consumed (written and hashed):
   * their memory may be used again. Only for a consumer that takes access units in order.
   */
  releaseThrough(view: Uint8Array): void {
    this.es.releaseThrough(view);
  }
}
