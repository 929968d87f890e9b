/**
 * How a recorder asks for a GB/T 28181 stream: it opens its own receiving port (UDP, or TCP passive/
 * active per RFC 4571 framing as GB/T 28181-2022 §9.2 allows) and asks the SIP side to INVITE the
 * device to send there. The SIP side runs in the main thread; a recorder in a worker thread reaches it
 * through the worker protocol, in-process recorders directly.
 *
 * A GB/T 28181 channel's stream address in the registry is `gb28181://<deviceId>/<channelId>` with an
 * optional `?transport=udp|tcp-passive|tcp-active` (default udp): see src/gb28181/stream-url.ts.
 */

export type GbMediaTransport = 'udp' | 'tcp-passive' | 'tcp-active';

export interface GbMediaRequest {
  deviceId: string;
  channelId: string;
  /** Play (live, s=Play) or Playback (the device's own storage, s=Playback, with `range`). */
  mode: 'Play' | 'Playback' | 'Download';
  /** Where the device is to send (udp, tcp-passive: we listen) or what we connect from (tcp-active: ignored port). */
  receiver: { host: string; port: number };
  transport: GbMediaTransport;
  /** Playback and Download: UTC milliseconds. */
  range?: { startMs: number; endMs: number };
}

export interface GbMediaSession {
  /** The SIP dialog's Call-ID (register entries and BYE name it). */
  callId: string;
  /** The 10-digit SSRC of the y= line; the RTP packets carry it as a number. */
  ssrc: string;
  /** tcp-active: where the device listens (from its SDP answer) for us to connect. */
  deviceMedia?: { host: string; port: number };
  /** Stream type the device announced in its SDP (PS is the only one GB/T 28181 requires). */
  payload: 'PS' | 'H264' | 'H265';
}

export interface GbMediaBroker {
  /** INVITE → 200 OK → ACK. Rejects with a DomainError (E_GB_DEVICE_OFFLINE, E_GB_INVITE_FAILED …) when it cannot. */
  invite(request: GbMediaRequest): Promise<GbMediaSession>;
  /** BYE for the session (idempotent; an unknown Call-ID is not an error). */
  bye(callId: string): Promise<void>;
}
