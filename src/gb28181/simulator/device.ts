/**
 * A simulated GB/T 28181-2022 device (an IPC or an NVR with N channels) for tests, the demo and
 * `custos simulate gb28181`: it registers to a platform with Digest, keeps alive, answers the
 * platform's queries and controls, sends alarms on demand and plays its clip as PS over RTP on INVITE.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CLIPS, loadClip, type Clip } from '../../media/simulator/clip.ts';
import { Pacer } from '../../media/simulator/pacer.ts';
import type { SipRequest } from '../sip/message.ts';
import { openSipChannel } from '../ua/channel.ts';
import { gbTime } from '../ua/gb-time.ts';
import { fields, manscdpDocument, nextSn } from '../ua/manscdp.ts';
import { answerMessage } from '../ua/message-service.ts';
import { Registration, type RegistrationStatus } from '../ua/registration.ts';
import { SipUserAgent } from '../ua/user-agent.ts';
import { SimMediaSessions, type SimMediaSession } from './media-sessions.ts';
import { resolveSimOptions, simChannels, type GbSimChannel, type GbSimFaults, type GbSimOptions, type ResolvedSimOptions } from './options.ts';
import { simQueryHandlers, type PtzRecord } from './queries.ts';

export interface GbSimAlarm {
  channelId?: string;
  /** 1–4, 1 highest. */
  priority?: number;
  /** 1 phone, 2 device, 3 SMS, 4 GPS, 5 video, 6 device fault, 7 other. */
  method?: number;
  /** Within the method, e.g. video: 2 motion, 5 tamper (A.2.6.9). */
  type?: number;
  description?: string;
}

export class GbSimDevice {
  readonly channels: GbSimChannel[];
  readonly ptz: PtzRecord[] = [];
  /** Queries answered, by CmdType. */
  readonly queries: Record<string, number> = {};
  private readonly clips = new Map<string, Promise<Clip>>();
  private readonly pacer = new Pacer(10);
  private readonly media: SimMediaSessions;
  private readonly registration: Registration;
  private garbageTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly options: ResolvedSimOptions,
    private readonly ua: SipUserAgent,
  ) {
    this.channels = simChannels(options);
    const password = options.faults.wrongPassword ? `${options.password}-wrong` : options.password;
    this.registration = new Registration(ua, { password, expiresSec: options.expiresSec, keepaliveSec: options.keepaliveSec, retrySec: Math.max(1, Math.min(30, options.keepaliveSec)) });
    this.registration.keepalivePaused = Boolean(options.faults.stopKeepalive);
    this.media = new SimMediaSessions(ua, { channels: this.channels, clipFor: (c) => this.clipFor(c), pacer: this.pacer, localHost: options.localHost });
    const handlers = simQueryHandlers({ options, channels: this.channels, ptz: this.ptz, now: () => new Date() });
    ua.onRequest(async (request: SipRequest) => {
      if (this.options.faults.unresponsive) return;
      switch (request.method) {
        case 'MESSAGE': {
          const query = await answerMessage(ua, request, handlers);
          if (query) this.queries[query.cmdType] = (this.queries[query.cmdType] ?? 0) + 1;
          return;
        }
        case 'INVITE':
          return this.media.invite(request);
        case 'ACK':
          return this.media.ack(request);
        case 'BYE':
          return this.media.bye(request);
        case 'CANCEL':
        case 'OPTIONS':
        case 'SUBSCRIBE':
        case 'NOTIFY':
          return void ua.reply(request, 200);
        default:
          return void ua.reply(request, 405);
      }
    });
  }

  static async start(input: GbSimOptions): Promise<GbSimDevice> {
    const options = resolveSimOptions(input);
    const channel = await openSipChannel(options.transport, options.platform, options.localHost);
    const ua = new SipUserAgent(channel, { id: options.deviceId, domain: options.platform.domain, userAgent: 'Custos GB28181 simulator', ...(options.advertiseHost ? { advertiseHost: options.advertiseHost } : {}) }, options.platform);
    const device = new GbSimDevice(options, ua);
    await device.registration.start();
    device.setFaults(options.faults);
    return device;
  }

  get deviceId(): string {
    return this.options.deviceId;
  }

  get status(): RegistrationStatus {
    return { ...this.registration.status };
  }

  get sessions(): SimMediaSession[] {
    return this.media.list();
  }

  get lastPtz(): PtzRecord | undefined {
    return this.ptz.at(-1);
  }

  /** Where its SIP socket is bound (tests send it raw input). */
  get sipAddress(): { host: string; port: number } {
    return this.ua.channel.local();
  }

  /** The SIP input that did not parse. */
  get malformedReceived(): number {
    return this.ua.channel.stats.malformed;
  }

  onRegistration(listener: (status: RegistrationStatus) => void): void {
    this.registration.onChange(listener);
  }

  onSession(listener: (session: SimMediaSession) => void): void {
    this.media.onChange(listener);
  }

  /** Changes faults while running (tests: stop keepalives, go silent, send garbage). */
  setFaults(faults: GbSimFaults): void {
    Object.assign(this.options.faults, faults);
    this.registration.keepalivePaused = Boolean(this.options.faults.stopKeepalive);
    clearInterval(this.garbageTimer);
    this.garbageTimer = undefined;
    const every = this.options.faults.garbageEverySec;
    if (every && every > 0) this.garbageTimer = setInterval(() => this.sendGarbage(), every * 1000);
  }

  /** One datagram (or TCP write) of random bytes, and one that looks like SIP but is not. */
  sendGarbage(): void {
    this.ua.channel.sendRaw(randomBytes(64 + Math.floor(Math.random() * 400)));
    this.ua.channel.sendRaw(Buffer.from('MESSAGE sip:x SIP/2.0\r\nVia: nonsense\r\nContent-Length: 99999\r\n\r\n<Notify>'));
  }

  /** REGISTER again now (e.g. after a password change in a test). */
  register(): Promise<boolean> {
    return this.registration.register(this.options.expiresSec);
  }

  /** MESSAGE Notify Alarm (§9.4, A.2.5.5); resolves with the platform's answer status. */
  async sendAlarm(alarm: GbSimAlarm = {}): Promise<number> {
    const channelId = alarm.channelId ?? this.channels[0]!.channelId;
    const info = alarm.type !== undefined ? `\n<Info>\n${fields({ AlarmType: alarm.type })}\n</Info>` : '';
    const body = manscdpDocument(
      'Notify',
      'Alarm',
      nextSn(),
      channelId,
      fields({ AlarmPriority: alarm.priority ?? 1, AlarmMethod: alarm.method ?? 5, AlarmTime: gbTime(new Date()), AlarmDescription: alarm.description }) + info,
    );
    const response = await this.ua.request('MESSAGE', { body });
    return response.status;
  }

  /** The device ends a media session first (BYE to the platform); the first live one when no Call-ID is given. */
  hangUp(callId?: string): Promise<void> {
    return this.media.hangUp(callId);
  }

  /** Ends media, unregisters (Expires: 0) and closes the sockets. */
  async close(): Promise<void> {
    clearInterval(this.garbageTimer);
    await this.media.closeAll();
    this.pacer.stop();
    await this.registration.stop();
    await this.ua.close();
  }

  private clipFor(channel: GbSimChannel): Promise<Clip> {
    let clip = this.clips.get(channel.codec);
    if (!clip) {
      clip = loadClip(this.options.clips[channel.codec] ?? DEFAULT_CLIPS[channel.codec], channel.codec, this.options.fps);
      this.clips.set(channel.codec, clip);
    }
    return clip;
  }
}

export const startGbSimDevice = (options: GbSimOptions): Promise<GbSimDevice> => GbSimDevice.start(options);
