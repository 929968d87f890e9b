/** The session description of one simulated camera (RFC 4566; H.264 per RFC 6184 §8, H.265 per RFC 7798 §7). */
import type { ParameterSets, VideoCodec } from '../types.ts';
import { DYNAMIC_PAYLOAD_TYPE } from './packetizer.ts';

export const TRACK_CONTROL = 'trackID=0';

export interface CameraDescription {
  name: string;
  codec: VideoCodec;
  fps: number;
  parameterSets: ParameterSets;
  /** Server address as the client reached it. */
  address: string;
  sessionId: number;
}

export function describeCamera(camera: CameraDescription): string {
  const pt = DYNAMIC_PAYLOAD_TYPE;
  const family = camera.address.includes(':') ? 'IP6' : 'IP4';
  const lines = [
    'v=0',
    `o=- ${camera.sessionId} 1 IN ${family} ${camera.address}`,
    `s=${camera.name}`,
    't=0 0',
    'a=control:*',
    'a=range:npt=0-',
    `m=video 0 RTP/AVP ${pt}`,
    `c=IN ${family} ${family === 'IP6' ? '::' : '0.0.0.0'}`,
    `a=rtpmap:${pt} ${camera.codec === 'h264' ? 'H264' : 'H265'}/90000`,
    `a=fmtp:${pt} ${fmtp(camera.parameterSets)}`,
    `a=framerate:${camera.fps}`,
    `a=control:${TRACK_CONTROL}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function fmtp(sets: ParameterSets): string {
  const b64 = (list: Buffer[] | undefined) => (list ?? []).map((nal) => nal.toString('base64')).join(',');
  if (sets.codec === 'h264') {
    const sps = sets.sps[0];
    const profileLevel = sps && sps.length >= 4 ? sps.subarray(1, 4).toString('hex').toUpperCase() : '42E01F';
    return `packetization-mode=1;profile-level-id=${profileLevel};sprop-parameter-sets=${b64(sets.sps)},${b64(sets.pps)}`;
  }
  return `sprop-vps=${b64(sets.vps)};sprop-sps=${b64(sets.sps)};sprop-pps=${b64(sets.pps)}`;
}
