/**
 * The simulated device's INVITE dialogs (GB/T 28181-2022 §9.2 live, §9.8 playback): the answer with its
 * SDP, media from ACK on, BYE from either side. TCP follows the offer's a=setup: the platform passive,
 * the device connects to the offered port; the platform active, the device listens and announces its port.
 */
import type { Clip } from '../../media/simulator/clip.ts';
import type { Pacer } from '../../media/simulator/pacer.ts';
import type { SipRequest } from '../sip/message.ts';
import { parseNameAddr } from '../sip/header-values.ts';
import { newTag, type SipUserAgent } from '../ua/user-agent.ts';
import type { GbSimChannel } from './options.ts';
import { prepareMediaTransport, type PreparedMedia, type PsSink } from '../ua/media-transport.ts';
import { PsStream } from './ps-stream.ts';
import { gbSdpAnswer, parseGbSdp, SdpError, type GbSdpOffer } from '../ua/sdp.ts';

export interface SimMediaSession {
  callId: string;
  channelId: string;
  ssrc: string;
  offer: GbSdpOffer;
  state: 'answered' | 'playing' | 'ended';
  stream: PsStream | null;
  /** How it ended: BYE from the platform, or the device hung up. */
  endedBy: 'platform' | 'device' | null;
}

interface Dialog {
  session: SimMediaSession;
  localTag: string;
  /** The INVITE's From (the platform) and To (us, with our tag). */
  remote: string;
  local: string;
  target: string;
  media?: PreparedMedia;
}

/** RFC 3261 Timer H (64·T1): an answered INVITE whose ACK never comes is given up. */
const ACK_TIMEOUT_MS = 32_000;

export class SimMediaSessions {
  private readonly dialogs = new Map<string, Dialog>();
  private readonly listeners: Array<(session: SimMediaSession) => void> = [];

  constructor(
    private readonly ua: SipUserAgent,
    private readonly deps: { channels: GbSimChannel[]; clipFor(channel: GbSimChannel): Promise<Clip>; pacer: Pacer; localHost: string },
  ) {}

  onChange(listener: (session: SimMediaSession) => void): void {
    this.listeners.push(listener);
  }

  list(): SimMediaSession[] {
    return [...this.dialogs.values()].map((d) => d.session);
  }

  async invite(request: SipRequest): Promise<void> {
    const callId = request.headers.get('call-id')!;
    const channelId = channelOf(request);
    const channel = this.deps.channels.find((c) => c.channelId === channelId);
    if (!channel || !channelId) return void this.ua.reply(request, 404);
    let offer: GbSdpOffer;
    try {
      offer = parseGbSdp(request.body.toString('utf8'));
    } catch (error) {
      if (error instanceof SdpError) return void this.ua.reply(request, 488);
      throw error;
    }
    if (offer.tcp && offer.setup === null) offer.setup = 'passive';
    const ssrc = offer.ssrc ?? `0${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const localTag = newTag();
    const from = request.headers.get('from')!;
    const dialog: Dialog = {
      session: { callId, channelId, ssrc, offer, state: 'answered', stream: null, endedBy: null },
      localTag,
      remote: from,
      local: `${request.headers.get('to')!};tag=${localTag}`,
      target: contactUri(request) ?? parseNameAddr(from).uri,
    };
    const media = await prepareMediaTransport(offer, this.deps.localHost);
    dialog.media = media;
    this.dialogs.set(callId, dialog);
    const answer = gbSdpAnswer({ originId: channelId, host: this.ua.host, port: media.port, offer, ssrc, setup: media.setup });
    this.ua.reply(request, 200, { toTag: localTag, headers: [['Contact', this.ua.contact()], ['Content-Type', 'APPLICATION/SDP']], body: Buffer.from(answer) });
    this.changed(dialog.session);
    setTimeout(() => {
      if (dialog.session.state === 'answered') this.end(dialog, 'device');
    }, ACK_TIMEOUT_MS).unref();
    // Begin on ACK (ack()); clip loading starts now so the first frame is ready.
    void this.deps.clipFor(channel).catch(() => undefined);
  }

  async ack(request: SipRequest): Promise<void> {
    const dialog = this.dialogs.get(request.headers.get('call-id')!);
    if (!dialog || dialog.session.state !== 'answered') return;
    const channel = this.deps.channels.find((c) => c.channelId === dialog.session.channelId)!;
    const clip = await this.deps.clipFor(channel);
    const sink = await this.sink(dialog).catch(() => undefined);
    if (!sink || dialog.session.state !== 'answered') {
      if (dialog.session.state === 'answered') await this.hangUp(dialog.session.callId);
      return;
    }
    const stream = new PsStream(clip, sink, Number(dialog.session.ssrc) >>> 0);
    dialog.session.stream = stream;
    dialog.session.state = 'playing';
    this.deps.pacer.add(stream);
    if (sink.kind === 'tcp') sink.socket.on('close', () => void this.hangUp(dialog.session.callId));
    this.changed(dialog.session);
  }

  bye(request: SipRequest): void {
    const callId = request.headers.get('call-id')!;
    const dialog = this.dialogs.get(callId);
    this.ua.reply(request, dialog ? 200 : 481);
    if (dialog) this.end(dialog, 'platform');
  }

  /** The device ends the call first (BYE to the platform). */
  async hangUp(callId?: string): Promise<void> {
    const dialog = callId ? this.dialogs.get(callId) : [...this.dialogs.values()].find((d) => d.session.state !== 'ended');
    if (!dialog || dialog.session.state === 'ended') return;
    this.end(dialog, 'device');
    const bye = this.ua.build('BYE', { uri: dialog.target, callId: dialog.session.callId });
    bye.headers.set('From', dialog.local);
    bye.headers.set('To', dialog.remote);
    await this.ua.send(bye, 4000).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.dialogs.values()].filter((d) => d.session.state !== 'ended').map((d) => this.hangUp(d.session.callId)));
  }

  private sink(dialog: Dialog): Promise<PsSink> {
    if (!dialog.media) return Promise.reject(new Error('no media transport'));
    return dialog.media.connect();
  }

  private end(dialog: Dialog, by: 'platform' | 'device'): void {
    if (dialog.session.state === 'ended') return;
    dialog.session.state = 'ended';
    dialog.session.endedBy = by;
    if (dialog.session.stream) {
      dialog.session.stream.stop();
      this.deps.pacer.remove(dialog.session.stream);
    }
    dialog.media?.close();
    this.changed(dialog.session);
  }

  private changed(session: SimMediaSession): void {
    for (const listener of this.listeners) listener(session);
  }
}

/** The channel asked for: the Request-URI's user, else Subject's first code (§9.2.2: `channel:ssrc,platform:0`). */
function channelOf(request: SipRequest): string | null {
  const user = /^sips?:([^@;>]+)@/i.exec(request.uri)?.[1];
  if (user) return user;
  return /^(\d{20}):/.exec(request.headers.get('subject') ?? '')?.[1] ?? null;
}

function contactUri(request: SipRequest): string | undefined {
  const contact = request.headers.get('contact');
  if (!contact) return undefined;
  try {
    return parseNameAddr(contact).uri;
  } catch {
    return undefined;
  }
}
