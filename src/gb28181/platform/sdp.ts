/**
 * The SDP of a GB/T 28181-2022 INVITE (§9.2.2, Annex G): Custos offers to receive (recvonly) PS over
 * RTP on UDP, or on TCP (RFC 4571) passive (we listen) or active (we connect to the device), with the
 * y= SSRC; the device's answer gives its SSRC, its media address (tcp-active) and the stream type.
 */
import type { GbMediaRequest, GbMediaSession } from '../media-session.ts';

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

export const ntpSeconds = (utcMs: number): number => Math.floor(utcMs / 1000) + NTP_UNIX_OFFSET_S;

/** y= SSRC (Annex G): 0 live / 1 history, digits 4–8 of the SIP domain, a 4-digit serial. */
export function makeSsrc(mode: GbMediaRequest['mode'], domain: string, serial: number): string {
  return `${mode === 'Play' ? '0' : '1'}${domain.slice(3, 8)}${String(serial % 10_000).padStart(4, '0')}`;
}

export function buildOffer(request: GbMediaRequest, options: { platformId: string; ssrc: string }): string {
  const ip = request.receiver.host.includes(':') ? 'IP6' : 'IP4';
  const tcp = request.transport !== 'udp';
  const lines = ['v=0', `o=${options.platformId} 0 0 IN ${ip} ${request.receiver.host}`, `s=${request.mode}`];
  if (request.mode !== 'Play') lines.push(`u=${request.channelId}:0`);
  lines.push(`c=IN ${ip} ${request.receiver.host}`);
  lines.push(request.mode === 'Play' || !request.range ? 't=0 0' : `t=${ntpSeconds(request.range.startMs)} ${ntpSeconds(request.range.endMs)}`);
  lines.push(`m=video ${request.receiver.port} ${tcp ? 'TCP/RTP/AVP' : 'RTP/AVP'} 96 97 98`);
  lines.push('a=recvonly', 'a=rtpmap:96 PS/90000', 'a=rtpmap:97 MPEG4/90000', 'a=rtpmap:98 H264/90000');
  if (tcp) lines.push(`a=setup:${request.transport === 'tcp-passive' ? 'passive' : 'active'}`, 'a=connection:new');
  if (request.mode === 'Download') lines.push('a=downloadspeed:1');
  lines.push(`y=${options.ssrc}`);
  return lines.join('\r\n') + '\r\n';
}

export interface SdpAnswer {
  ssrc: string | null;
  host: string | null;
  port: number | null;
  payload: GbMediaSession['payload'];
}

/** What Custos needs from the device's answer; fields it cannot read are null. */
export function parseAnswer(sdp: string): SdpAnswer {
  let host: string | null = null;
  let port: number | null = null;
  let ssrc: string | null = null;
  const encodings: string[] = [];
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    const c = /^c=IN IP[46] (\S+)/.exec(line);
    if (c) host = c[1]!;
    const m = /^m=video (\d{1,5}) /.exec(line);
    if (m) port = Number(m[1]);
    const y = /^y=(\d{1,10})$/.exec(line);
    if (y) ssrc = y[1]!;
    const rtpmap = /^a=rtpmap:\d+ ([A-Za-z0-9-]+)\//.exec(line);
    if (rtpmap) encodings.push(rtpmap[1]!.toUpperCase());
  }
  const payload: SdpAnswer['payload'] = encodings.includes('PS') || encodings.length === 0 ? 'PS' : encodings.includes('H265') ? 'H265' : encodings.includes('H264') ? 'H264' : 'PS';
  return { ssrc, host, port, payload };
}
