import type { ParameterSets, VideoCodec } from './types.ts';

/** `a=fmtp` parameters (`key=value;key=value`) as a map with lower-case keys; values keep their '=' padding. */
export function parseFmtp(fmtp: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of fmtp.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return params;
}

function decodeList(value: string | undefined): Buffer[] {
  if (!value) return [];
  const out: Buffer[] = [];
  for (const item of value.split(',')) {
    const nal = Buffer.from(item.trim(), 'base64');
    if (nal.length > 0) out.push(nal);
  }
  return out;
}

/**
 * Parameter sets from an fmtp line (the part after the payload type): H.264 `sprop-parameter-sets`
 * (RFC 6184 §8.1, sorted by NAL type), H.265 `sprop-vps`, `sprop-sps`, `sprop-pps` (RFC 7798 §7.1).
 * Undefined when the SPS or PPS (or for H.265 the VPS) is missing.
 */
export function parameterSetsFromFmtp(codec: VideoCodec, fmtp: string): ParameterSets | undefined {
  const params = parseFmtp(fmtp);
  if (codec === 'h264') {
    const sps: Buffer[] = [];
    const pps: Buffer[] = [];
    for (const nal of decodeList(params.get('sprop-parameter-sets'))) {
      const type = nal[0]! & 0x1f;
      if (type === 7) sps.push(nal);
      else if (type === 8) pps.push(nal);
    }
    return sps.length > 0 && pps.length > 0 ? { codec, sps, pps } : undefined;
  }
  const vps = decodeList(params.get('sprop-vps'));
  const sps = decodeList(params.get('sprop-sps'));
  const pps = decodeList(params.get('sprop-pps'));
  return vps.length > 0 && sps.length > 0 && pps.length > 0 ? { codec, vps, sps, pps } : undefined;
}
