/**
 * Live video upward (GB/T 28181-2022 §9.2 between platforms): the superior INVITEs a shared camera's
 * channel; Custos opens the camera's live feed, writes the register's ACCESS entry before anything is
 * answered, answers with its SDP and, from ACK on, relays the feed as PS over RTP. BYE from the
 * superior (or the feed ending) closes the stream and appends the CLOSE entry. Without a feed (no
 * live source configured, or the camera not live now) the INVITE is refused 488 with a DENIAL entry.
 */
import type { ParameterSets, VideoCodec } from '../../media/types.ts';
import type { SipRequest } from '../sip/message.ts';
import { parseNameAddr } from '../sip/header-values.ts';
import { prepareMediaTransport, type PreparedMedia } from '../ua/media-transport.ts';
import { PsRelay, type LivePicture } from '../ua/ps-relay.ts';
import { gbSdpAnswer, parseGbSdp } from '../ua/sdp.ts';
import { newTag, type SipUserAgent } from '../ua/user-agent.ts';
import type { CascadeUpwardConfig } from './config.ts';
import type { CascadeShareRecorder } from './share-register.ts';
import type { SharedCamera } from './shared-cameras.ts';

/** A camera's live pictures (in production: the recorder's access units; in tests: a clip). */
export interface LiveFeed {
  codec: VideoCodec;
  parameterSets(): ParameterSets;
  onPicture(listener: (picture: LivePicture) => void): void;
  onEnd(listener: () => void): void;
  close(): void;
}

export interface CascadeLiveSource {
  /** The camera's live feed, or null when it has none now. */
  open(cameraId: string): Promise<LiveFeed | null>;
}

interface Upstream {
  camera: SharedCamera;
  entryId: string;
  feed: LiveFeed;
  media: PreparedMedia;
  ssrc: number;
  localTag: string;
  state: 'answered' | 'playing' | 'ended';
  relay?: PsRelay;
}

export class LiveUpward {
  private readonly calls = new Map<string, Upstream>();

  constructor(
    private readonly link: CascadeUpwardConfig,
    private readonly deps: { source: CascadeLiveSource; recorder: CascadeShareRecorder; from: () => string; localHost: string; onError: (code: string, error: unknown) => void },
  ) {}

  get active(): number {
    return [...this.calls.values()].filter((c) => c.state !== 'ended').length;
  }

  /** Answers an INVITE for a shared camera; resolves false when it could not (the caller refuses it). */
  async invite(ua: SipUserAgent, request: SipRequest, camera: SharedCamera): Promise<boolean> {
    let offer;
    try {
      offer = parseGbSdp(request.body.toString('utf8'));
    } catch {
      ua.reply(request, 488);
      return true;
    }
    const feed = await this.deps.source.open(camera.cameraId).catch(() => null);
    if (!feed) return false;
    let entryId: string;
    try {
      entryId = await this.deps.recorder.liveOpened(this.link, camera, this.deps.from());
    } catch (error) {
      feed.close();
      this.deps.onError('E_CASCADE_REGISTER_ENTRY', error);
      ua.reply(request, 500);
      return true;
    }
    if (offer.tcp && offer.setup === null) offer.setup = 'passive';
    const media = await prepareMediaTransport(offer, this.deps.localHost);
    const ssrc = offer.ssrc ?? `0${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const call: Upstream = { camera, entryId, feed, media, ssrc: Number(ssrc) >>> 0, localTag: newTag(), state: 'answered' };
    const callId = request.headers.get('call-id')!;
    this.calls.set(callId, call);
    feed.onEnd(() => void this.end(callId, ua, request));
    const answer = gbSdpAnswer({ originId: this.link.localSipId, host: ua.host, port: media.port, offer, ssrc, setup: media.setup });
    ua.reply(request, 200, { toTag: call.localTag, headers: [['Contact', ua.contact()], ['Content-Type', 'APPLICATION/SDP']], body: Buffer.from(answer) });
    return true;
  }

  async ack(request: SipRequest): Promise<void> {
    const call = this.calls.get(request.headers.get('call-id')!);
    if (!call || call.state !== 'answered') return;
    try {
      const sink = await call.media.connect();
      if (call.state !== 'answered') return;
      const relay = new PsRelay(sink, call.ssrc, call.feed.codec, () => call.feed.parameterSets());
      call.relay = relay;
      call.state = 'playing';
      call.feed.onPicture((picture) => {
        if (call.state === 'playing') relay.push(picture);
      });
    } catch (error) {
      this.deps.onError('E_CASCADE_MEDIA', error);
      await this.finish(call);
    }
  }

  /** BYE from the superior. */
  async bye(ua: SipUserAgent, request: SipRequest): Promise<void> {
    const call = this.calls.get(request.headers.get('call-id')!);
    ua.reply(request, call ? 200 : 481);
    if (call) await this.finish(call);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.calls.values()].map((c) => this.finish(c)));
  }

  /** The feed ended: BYE to the superior, then close. */
  private async end(callId: string, ua: SipUserAgent, invite: SipRequest): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.state === 'ended') return;
    await this.finish(call);
    const contact = invite.headers.get('contact');
    const bye = ua.build('BYE', { uri: contact ? parseNameAddr(contact).uri : parseNameAddr(invite.headers.get('from')!).uri, callId });
    bye.headers.set('From', `${invite.headers.get('to')!};tag=${call.localTag}`);
    bye.headers.set('To', invite.headers.get('from')!);
    await ua.send(bye, 4000).catch(() => undefined);
  }

  private async finish(call: Upstream): Promise<void> {
    if (call.state === 'ended') return;
    call.state = 'ended';
    call.feed.close();
    call.media.close();
    try {
      await this.deps.recorder.liveClosed(this.link, call.entryId, this.deps.from());
    } catch (error) {
      this.deps.onError('E_CASCADE_REGISTER_ENTRY', error);
    }
  }
}
