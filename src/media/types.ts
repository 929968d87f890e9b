/**
 * The media path's shared shapes: RTP packets in, access units through, fMP4 samples out.
 * RTSP client → RtpPacket → depacketizer → AccessUnit → muxer (Sample) → segment writer.
 */

export type VideoCodec = 'h264' | 'h265';

/** One RTP packet (RFC 3550), payload not copied: a view into the received buffer. */
export interface RtpPacket {
  version: number;
  padding: boolean;
  extension: boolean;
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  /** Media clock, 90 kHz for video. */
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

/** One picture: its NAL units (no start codes, no length prefixes) and its timing. */
export interface AccessUnit {
  codec: VideoCodec;
  nalus: Buffer[];
  /** RTP timestamp (90 kHz) of the picture. */
  rtpTimestamp: number;
  /** An IDR (H.264) or IRAP (H.265) picture: a segment may start here. */
  keyframe: boolean;
  /** Wall-clock milliseconds when the last packet of the picture arrived. */
  arrivalMs: number;
}

/** Parameter sets, from the SDP (sprop-*) or in band. */
export interface ParameterSets {
  codec: VideoCodec;
  /** H.265 only. */
  vps?: Buffer[];
  sps: Buffer[];
  pps: Buffer[];
}

/** What the init segment describes. */
export interface VideoTrack {
  codec: VideoCodec;
  width: number;
  height: number;
  /** 90000 for RTP video. */
  timescale: number;
  parameterSets: ParameterSets;
  /** RFC 6381 codecs string, e.g. avc1.64001f. */
  codecString: string;
}

/** One sample for an fMP4 fragment: NAL units in length-prefixed (AVCC/HVCC) form. */
export interface Sample {
  data: Buffer;
  /** In track timescale units. */
  duration: number;
  keyframe: boolean;
  /** Presentation minus decode time, in timescale units (0 without B-frames). */
  compositionOffset: number;
}
