/**
 * INVITE as UAC (GB/T 28181-2022 §9.2 live, §9.8 playback, §9.9 download): INVITE with the SDP offer and
 * the Subject (sender:SSRC,receiver:0), 200 OK with the device's SDP, ACK; BYE from either side ends the
 * dialog, and a device's BYE tells the listeners (the recorder stops waiting for packets).
 */
import { gbRefused } from '../gb-errors.ts';
import type { GbMediaRequest, GbMediaSession } from '../media-session.ts';
import type { SipEndpoint } from '../sip/endpoint.ts';
import { newTag } from '../sip/endpoint.ts';
import { parseNameAddr, tagOf } from '../sip/header-values.ts';
import { responseTo, type SipRequest, type SipResponse } from '../sip/message.ts';
import { buildRequest, deviceUri, type LocalIdentity } from '../sip/request-builder.ts';
import type { SipPeer } from '../sip/transport.ts';
import { buildOffer, makeSsrc, parseAnswer } from './sdp.ts';

interface Dialog {
  callId: string;
  deviceId: string;
  channelId: string;
  peer: SipPeer;
  fromTag: string;
  toTag: string | null;
  toUri: string;
  target: string;
  cseq: number;
  /** The ACK sent for the 200 OK, sent again when the device retransmits its 200 (our ACK was lost). */
  ack: SipRequest;
}

export interface MediaDialogsDeps {
  endpoint: SipEndpoint;
  local: () => LocalIdentity;
  /** Where the device is reached (throws E_GB_DEVICE_NOT_FOUND / E_GB_DEVICE_OFFLINE). */
  peerOf: (deviceId: string) => Promise<SipPeer>;
}

export class MediaDialogs {
  private readonly dialogs = new Map<string, Dialog>();
  private readonly listeners = new Set<(callId: string) => void>();
  private serial = 0;

  constructor(private readonly deps: MediaDialogsDeps) {}

  get open(): number {
    return this.dialogs.size;
  }

  onSessionEnded(listener: (callId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async invite(request: GbMediaRequest): Promise<GbMediaSession> {
    const peer = await this.deps.peerOf(request.deviceId);
    const local = this.deps.local();
    this.serial = (this.serial % 9999) + 1;
    const ssrc = makeSsrc(request.mode, local.domain, this.serial);
    const uri = deviceUri(request.channelId, peer);
    const fromTag = newTag();
    const invite = buildRequest(local, peer, {
      method: 'INVITE',
      uri,
      toUri: `sip:${request.channelId}@${local.domain}`,
      fromTag,
      cseq: 1,
      contentType: 'APPLICATION/SDP',
      body: Buffer.from(buildOffer(request, { platformId: local.sipId, ssrc }), 'utf8'),
      headers: [['Subject', `${request.channelId}:${ssrc},${local.sipId}:0`]],
    });
    const callId = invite.headers.get('call-id')!;
    const response = await this.deps.endpoint.request(peer, invite);
    if (response.status >= 300) throw gbRefused('INVITE', response.status, response.reason);
    const toTag = tagOf(response.headers.get('to') ?? '');
    let target = uri;
    try {
      const contact = response.headers.get('contact');
      if (contact) target = parseNameAddr(contact).uri;
    } catch {
      // keep the request URI
    }
    const toUri = `sip:${request.channelId}@${local.domain}`;
    const ack = buildRequest(local, peer, { method: 'ACK', uri: target, toUri, toTag, callId, fromTag, cseq: 1 });
    this.dialogs.set(callId, { callId, deviceId: request.deviceId, channelId: request.channelId, peer, fromTag, toTag, toUri, target, cseq: 1, ack });
    await this.deps.endpoint.send(peer, ack);
    const answer = parseAnswer(response.body.toString('utf8'));
    const session: GbMediaSession = { callId, ssrc: answer.ssrc ?? ssrc, payload: answer.payload };
    if (request.transport === 'tcp-active' && answer.port !== null) session.deviceMedia = { host: answer.host ?? peer.host, port: answer.port };
    return session;
  }

  /** A 200 OK to INVITE arriving again: the device did not get our ACK (§13.2.2.4), so it goes again. */
  handleStrayResponse(response: SipResponse): void {
    if (response.status < 200 || response.status >= 300 || !/\bINVITE$/i.test(response.headers.get('cseq') ?? '')) return;
    const dialog = this.dialogs.get(response.headers.get('call-id') ?? '');
    if (dialog) void this.deps.endpoint.send(dialog.peer, dialog.ack).catch(() => undefined);
  }

  /** The device says a playback or download reached its end (Notify MediaStatus 121, §9.8.4): our BYE, and the listeners told. */
  async mediaEnded(callId: string): Promise<boolean> {
    if (!this.dialogs.has(callId)) return false;
    await this.bye(callId);
    this.tell(callId);
    return true;
  }

  /**
   * Our BYE (idempotent: an unknown Call-ID is not an error; a device that does not answer is let go).
   * `awaitAnswer` false: sent once without waiting (shutting down must not wait 32 s for a gone device).
   */
  async bye(callId: string, awaitAnswer = true): Promise<void> {
    const dialog = this.dialogs.get(callId);
    if (!dialog) return;
    this.dialogs.delete(callId);
    dialog.cseq++;
    const bye = buildRequest(this.deps.local(), dialog.peer, { method: 'BYE', uri: dialog.target, toUri: dialog.toUri, toTag: dialog.toTag, callId, fromTag: dialog.fromTag, cseq: dialog.cseq });
    try {
      if (awaitAnswer) await this.deps.endpoint.request(dialog.peer, bye);
      else await this.deps.endpoint.send(dialog.peer, bye);
    } catch {
      // the dialog is over on our side whatever the device says
    }
  }

  /** The device's BYE: 200 OK and the listeners told; 481 for a dialog we do not have. */
  handleBye(request: SipRequest): SipResponse {
    const callId = request.headers.get('call-id') ?? '';
    const dialog = this.dialogs.get(callId);
    if (!dialog) return responseTo(request, 481);
    this.dialogs.delete(callId);
    this.tell(callId);
    return responseTo(request, 200);
  }

  private tell(callId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(callId);
      } catch {
        // one listener's failure is not the device's
      }
    }
  }

  /** Every dialog of a device that went offline or unregistered ends. */
  endDevice(deviceId: string): void {
    for (const dialog of [...this.dialogs.values()]) {
      if (dialog.deviceId !== deviceId) continue;
      this.dialogs.delete(dialog.callId);
      this.tell(dialog.callId);
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.dialogs.keys()].map((callId) => this.bye(callId, false)));
  }
}
