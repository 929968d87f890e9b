/** Picks the video track the recorder can take (H.264 or H.265) out of a DESCRIBE answer. */
import { parse } from 'sdp-transform';
import type { VideoCodec } from '../types.ts';
import { resolveControl } from './url.ts';

export interface DescribedTrack {
  codec: VideoCodec;
  /** The a=fmtp parameters of the chosen payload type, unparsed ('' when absent). */
  fmtp: string;
  /** Absolute URL to SETUP. */
  control: string;
  payloadType: number;
  clockRate: number;
  /** The whole SDP as received. */
  sdp: string;
}

export interface Description {
  /** The aggregate URL for PLAY and TEARDOWN. */
  presentation: string;
  /** The first video media with an H.264 or H.265 payload. */
  video: DescribedTrack | undefined;
}

const CODECS: Record<string, VideoCodec> = { H264: 'h264', H265: 'h265', HEVC: 'h265' };

/** Never throws: an SDP it cannot read has no usable video. */
export function describeSdp(sdp: string, base: string): Description {
  let session: ReturnType<typeof parse>;
  try {
    session = parse(sdp);
  } catch {
    return { presentation: base, video: undefined };
  }
  const presentation = resolveControl(base, session.control);
  // Relative track controls are taken against the base, except under an absolute session control (RFC 2326 §C.1.1).
  const trackBase = session.control && /^rtsps?:\/\//i.test(session.control) ? session.control : base;
  for (const media of session.media ?? []) {
    if (media.type !== 'video') continue;
    for (const rtp of media.rtp ?? []) {
      const codec = CODECS[String(rtp.codec).toUpperCase()];
      if (!codec) continue;
      const fmtp = (media.fmtp ?? []).find((f) => f.payload === rtp.payload)?.config ?? '';
      const video = { codec, fmtp, control: resolveControl(trackBase, media.control), payloadType: rtp.payload, clockRate: rtp.rate ?? 90000, sdp };
      return { presentation, video };
    }
  }
  return { presentation, video: undefined };
}
