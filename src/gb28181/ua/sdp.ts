/**
 * The SDP of a GB/T 28181-2022 INVITE (§9.2, Annex G): what the platform offers (where to send, over
 * which transport, the SSRC of its y= line, Play or Playback) and the device's answer (a=sendonly,
 * PS/90000, y= echoing the SSRC; on TCP a=setup the other way round from the offer's).
 */
export type SdpSetup = 'active' | 'passive';

export interface GbSdpOffer {
  /** s=: Play, Playback or Download. */
  session: string;
  host: string;
  port: number;
  tcp: boolean;
  /** TCP: the platform's role. passive: it listens, the device connects; active: the device listens. */
  setup: SdpSetup | null;
  ssrc: string | null;
  payloadTypes: number[];
  /** Playback/Download: t= start and end (seconds since the epoch). */
  startSec: number | null;
  endSec: number | null;
  /** u= channelId:type for Playback. */
  uri: string | null;
}

export class SdpError extends Error {
  readonly code = 'E_SDP';
}

export function parseGbSdp(text: string): GbSdpOffer {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let session = '';
  let host: string | null = null;
  let port: number | null = null;
  let tcp = false;
  let setup: SdpSetup | null = null;
  let ssrc: string | null = null;
  let payloadTypes: number[] = [];
  let startSec: number | null = null;
  let endSec: number | null = null;
  let uri: string | null = null;
  for (const line of lines) {
    const kind = line[0];
    const value = line.slice(2);
    if (line[1] !== '=') continue;
    if (kind === 's') session = value;
    else if (kind === 'c') host = /^IN IP[46] (\S+)/.exec(value)?.[1] ?? host;
    else if (kind === 'y') ssrc = /^\d{1,10}$/.test(value) ? value : null;
    else if (kind === 'u') uri = value;
    else if (kind === 't') {
      const [a, b] = value.split(/\s+/).map(Number);
      startSec = Number.isFinite(a) && a! > 0 ? a! : null;
      endSec = Number.isFinite(b) && b! > 0 ? b! : null;
    } else if (kind === 'm' && port === null) {
      const m = /^video (\d{1,5}) (\S+)((?: \d+)*)$/.exec(value);
      if (!m) throw new SdpError(`unsupported media line: ${value.slice(0, 60)}`);
      port = Number(m[1]);
      tcp = /^TCP\//i.test(m[2]!);
      payloadTypes = m[3]!.trim().split(/\s+/).filter(Boolean).map(Number);
    } else if (kind === 'a' && /^setup:/i.test(value)) {
      const role = value.slice(6).trim().toLowerCase();
      setup = role === 'active' || role === 'passive' ? role : null;
    }
  }
  if (host === null || port === null) throw new SdpError('the offer names no address or video port');
  if (port > 65535) throw new SdpError('bad port');
  return { session, host, port, tcp, setup, ssrc, payloadTypes, startSec, endSec, uri };
}

export function gbSdpAnswer(input: { originId: string; host: string; port: number; offer: GbSdpOffer; ssrc: string; setup: SdpSetup | null }): string {
  const { offer } = input;
  const t = offer.startSec !== null ? `${offer.startSec} ${offer.endSec ?? 0}` : '0 0';
  const lines = [
    'v=0',
    `o=${input.originId} 0 0 IN IP4 ${input.host}`,
    `s=${offer.session || 'Play'}`,
    `c=IN IP4 ${input.host}`,
    `t=${t}`,
    `m=video ${input.port} ${offer.tcp ? 'TCP/RTP/AVP' : 'RTP/AVP'} 96`,
    'a=sendonly',
    'a=rtpmap:96 PS/90000',
    ...(offer.tcp && input.setup ? [`a=setup:${input.setup}`, 'a=connection:new'] : []),
    `y=${input.ssrc}`,
    'f=',
  ];
  return lines.join('\r\n') + '\r\n';
}
