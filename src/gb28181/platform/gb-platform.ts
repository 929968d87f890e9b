/**
 * Custos as a GB/T 28181-2022 platform (上级平台): devices register over SIP (UDP and TCP), keep alive,
 * answer queries and controls, send alarms, and stream on INVITE. Implements GbPlatformApi over the SIP
 * endpoint; the repository keeps devices and channels, the AlarmSink receives what devices report.
 */
import type { Db } from '../../db/connect.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Gb28181Config } from '../config.ts';
import { gbChannelNotFound, gbDeviceNotFound } from '../gb-errors.ts';
import { parseGbCode } from '../ids.ts';
import { alarmResponseBody, ptzControlBody, queryBody, recordInfoBody } from '../manscdp/build.ts';
import { ptzCmd } from '../manscdp/ptz.ts';
import { readAlarm, readCatalog, readDeviceInfo, readDeviceStatus, readPresets, readRecordInfo } from '../manscdp/read.ts';
import { parseManscdp, text1, type ManscdpMessage } from '../manscdp/xml.ts';
import type { GbMediaRequest, GbMediaSession } from '../media-session.ts';
import type { GbChannel, GbDevice, GbDeviceAlarm, GbDeviceStatus, GbPlatformApi, GbPtzCommand, GbRecordItem } from '../platform-api.ts';
import { DigestAuthenticator } from '../sip/digest.ts';
import { SipEndpoint } from '../sip/endpoint.ts';
import { parseNameAddr } from '../sip/header-values.ts';
import { responseTo, type SipRequest, type SipResponse } from '../sip/message.ts';
import type { LocalIdentity } from '../sip/request-builder.ts';
import type { SipPeer } from '../sip/transport.ts';
import { DeviceAlarmRelay } from './device-alarms.ts';
import { openDevicePassword, sealDevicePassword } from './device-secret.ts';
import { gbRepository } from './gb-repository.ts';
import { MediaDialogs } from './media-dialogs.ts';
import { ManscdpClient } from './manscdp-client.ts';
import { Registrar } from './registrar.ts';

export interface GbPlatformDeps {
  db: Db;
  clock: Clock;
  config: Gb28181Config;
  /** The AES key sealing per-device passwords (KeyRing.gb28181Key). */
  secretKey: () => Promise<Buffer>;
  alarms?: AlarmSink;
  /** Test knobs: SIP T1 and how long a query waits for its answer. */
  t1Ms?: number;
  queryTimeoutMs?: number;
  /** Ask a device that (re-)registers for its DeviceInfo and Catalog (default true), as platforms do. */
  queryOnRegister?: boolean;
  /** How often liveness is checked (ms); 0: never by timer (tests call checkLiveness). */
  livenessIntervalMs?: number;
  log?: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
}

export const UNREGISTERED_SUBJECT = (deviceId: string) => `gb28181:${deviceId}`;

export class GbPlatform implements GbPlatformApi {
  private readonly endpoint: SipEndpoint;
  private readonly registrar: Registrar;
  private readonly manscdp: ManscdpClient;
  private readonly dialogs: MediaDialogs;
  private readonly relay: DeviceAlarmRelay | undefined;
  private readonly alarmListeners = new Set<(alarm: GbDeviceAlarm) => void>();
  private readonly changeListeners = new Set<(deviceId: string) => void>();
  private livenessTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;
  /** MANSCDP bodies that could not be read (answered 400). */
  manscdpErrors = 0;

  constructor(private readonly deps: GbPlatformDeps) {
    const { config } = deps;
    this.endpoint = new SipEndpoint({
      host: config.host,
      port: config.sipPort,
      t1Ms: deps.t1Ms,
      handler: (request, peer) => this.handle(request, peer),
      onStrayResponse: (response) => this.dialogs.handleStrayResponse(response),
      onMalformed: (peer, error) => deps.log?.('warn', 'malformed SIP message dropped', { peer: `${peer.transport} ${peer.host}:${peer.port}`, error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }),
      onHandlerError: (error) => deps.log?.('warn', 'SIP request failed', { error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }),
    });
    this.registrar = new Registrar({
      db: deps.db,
      clock: deps.clock,
      digest: new DigestAuthenticator(config.domain, () => deps.clock.now().getTime()),
      expiresMaxSec: config.registerExpiresMaxSec,
      passwordFor: (deviceId) => this.passwordFor(deviceId),
      onRegistered: (deviceId, wasOnline) => this.background(this.registered(deviceId, wasOnline)),
      onUnregistered: (deviceId) => this.wentOffline(deviceId),
      onRefused: (deviceId, why, peer) => deps.log?.('warn', 'GB/T 28181 registration refused', { deviceId, why, peer: `${peer.host}:${peer.port}` }),
    });
    this.manscdp = new ManscdpClient({ db: deps.db, endpoint: this.endpoint, local: () => this.local(), timeoutMs: deps.queryTimeoutMs ?? 10_000 });
    this.dialogs = new MediaDialogs({ endpoint: this.endpoint, local: () => this.local(), peerOf: (deviceId) => this.manscdp.peerOf(deviceId) });
    if (deps.alarms) {
      const relay = new DeviceAlarmRelay(deps.alarms, async (deviceId, channelId) => (await gbRepository.channel(deps.db, deviceId, channelId))?.cameraId ?? null);
      this.relay = relay;
      this.onAlarm((alarm) => this.background(relay.relay(alarm)));
    }
  }

  async start(): Promise<void> {
    await this.endpoint.start();
    const interval = this.deps.livenessIntervalMs ?? 5000;
    if (interval > 0) {
      this.livenessTimer = setInterval(() => void this.checkLiveness().catch(() => undefined), interval);
      this.livenessTimer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.relay?.stop();
    this.stopping = true;
    this.manscdp.pending.cancelAll(new Error('GB/T 28181 platform stopped'));
    await Promise.allSettled([...this.inFlight]);
    await this.dialogs.closeAll();
    await this.endpoint.close();
  }

  /** The bound SIP port (UDP and TCP). */
  get port(): number {
    return this.endpoint.port;
  }

  stats(): { received: number; sent: number; malformed: number; manscdpErrors: number; tcpConnections: number; openSessions: number } {
    return { ...this.endpoint.transport.stats, manscdpErrors: this.manscdpErrors, openSessions: this.dialogs.open };
  }

  // ——— GbPlatformApi ———

  async listDevices(): Promise<GbDevice[]> {
    return gbRepository.devices(this.deps.db);
  }

  async getDevice(deviceId: string): Promise<GbDevice> {
    const [device] = await gbRepository.devices(this.deps.db, parseGbCode(deviceId, 'deviceId').code);
    if (!device) throw gbDeviceNotFound(deviceId);
    return device;
  }

  async listChannels(deviceId: string): Promise<GbChannel[]> {
    await this.getDevice(deviceId);
    return gbRepository.channels(this.deps.db, deviceId);
  }

  async refreshCatalog(deviceId: string): Promise<GbChannel[]> {
    const messages = await this.manscdp.query(deviceId, 'Catalog', (sn) => queryBody('Catalog', sn, deviceId), (m) => {
      const { sumNum, items } = readCatalog(m);
      return { sumNum, items: items.length };
    });
    const reads = messages.map(readCatalog);
    const items = [...new Map(reads.flatMap((r) => r.items).map((item) => [item.channelId, item])).values()];
    const announced = Math.max(0, ...reads.map((r) => r.sumNum));
    await gbRepository.upsertCatalog(this.deps.db, deviceId, items, items.length >= announced, this.now());
    this.changed(deviceId);
    return gbRepository.channels(this.deps.db, deviceId);
  }

  async deviceInfo(deviceId: string): Promise<{ name: string | null; manufacturer: string | null; model: string | null; firmware: string | null; channels: number | null }> {
    const [message] = await this.manscdp.query(deviceId, 'DeviceInfo', (sn) => queryBody('DeviceInfo', sn, deviceId));
    const info = readDeviceInfo(message!);
    await gbRepository.setInfo(this.deps.db, deviceId, { name: info.name, manufacturer: info.manufacturer, model: info.model, firmware: info.firmware }, this.now());
    this.changed(deviceId);
    return info;
  }

  async deviceStatus(deviceId: string): Promise<GbDeviceStatus> {
    const [message] = await this.manscdp.query(deviceId, 'DeviceStatus', (sn) => queryBody('DeviceStatus', sn, deviceId));
    return readDeviceStatus(message!);
  }

  async recordInfo(deviceId: string, channelId: string, startMs: number, endMs: number): Promise<GbRecordItem[]> {
    parseGbCode(channelId, 'channelId');
    const messages = await this.manscdp.query(deviceId, 'RecordInfo', (sn) => recordInfoBody(sn, channelId, startMs, endMs), (m) => {
      const { sumNum, items } = readRecordInfo(m);
      return { sumNum, items: items.length };
    });
    return messages.flatMap((m) => readRecordInfo(m).items).sort((a, b) => a.startTime.localeCompare(b.startTime));
  }

  async ptz(deviceId: string, channelId: string, command: GbPtzCommand): Promise<void> {
    parseGbCode(channelId, 'channelId');
    const cmd = ptzCmd(command);
    await this.manscdp.send(deviceId, (sn) => ptzControlBody(sn, channelId, cmd));
  }

  /** The channel's presets (PresetQuery, GB/T 28181-2022). */
  async presets(deviceId: string, channelId: string): Promise<Array<{ preset: number; name: string | null }>> {
    parseGbCode(channelId, 'channelId');
    const messages = await this.manscdp.query(deviceId, 'PresetQuery', (sn) => queryBody('PresetQuery', sn, channelId), (m) => {
      const { sumNum, items } = readPresets(m);
      return { sumNum, items: items.length };
    });
    return messages.flatMap((m) => readPresets(m).items).sort((a, b) => a.preset - b.preset);
  }

  async linkChannel(deviceId: string, channelId: string, cameraId: string | null): Promise<void> {
    const linked = await gbRepository.linkChannel(this.deps.db, deviceId, channelId, cameraId, this.now());
    if (!linked) throw gbChannelNotFound(deviceId, channelId);
    if (cameraId) await this.deps.alarms?.resolve('UNREGISTERED_DEVICE', UNREGISTERED_SUBJECT(deviceId));
    this.changed(deviceId);
  }

  onAlarm(listener: (alarm: GbDeviceAlarm) => void): () => void {
    this.alarmListeners.add(listener);
    return () => this.alarmListeners.delete(listener);
  }

  onDeviceChange(listener: (deviceId: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A device ended a media session (its BYE) or went away: the session's Call-ID. */
  onSessionEnded(listener: (callId: string) => void): () => void {
    return this.dialogs.onSessionEnded(listener);
  }

  invite(request: GbMediaRequest): Promise<GbMediaSession> {
    parseGbCode(request.channelId, 'channelId');
    return this.dialogs.invite(request);
  }

  bye(callId: string): Promise<void> {
    return this.dialogs.bye(callId);
  }

  /** Sets (or, with null, removes) the device's own Digest password, sealed at rest. */
  async setDevicePassword(deviceId: string, password: string | null): Promise<void> {
    parseGbCode(deviceId, 'deviceId');
    const sealed = password === null ? null : sealDevicePassword(await this.deps.secretKey(), deviceId, password);
    await gbRepository.setSealedPassword(this.deps.db, deviceId, sealed, this.now());
  }

  async hasOwnPassword(deviceId: string): Promise<boolean> {
    return (await gbRepository.sealedPassword(this.deps.db, deviceId)) !== undefined;
  }

  /** Devices whose keep-alive or registration ran out go offline (their sessions end). */
  async checkLiveness(): Promise<string[]> {
    const now = this.deps.clock.now();
    const before = new Date(now.getTime() - this.deps.config.keepaliveTimeoutSec * 1000).toISOString();
    const overdue = await gbRepository.overdue(this.deps.db, before, now.toISOString());
    for (const deviceId of overdue) {
      await gbRepository.setOffline(this.deps.db, deviceId, now.toISOString());
      this.wentOffline(deviceId);
    }
    return overdue;
  }

  // ——— SIP side ———

  private local(): LocalIdentity {
    const { config } = this.deps;
    const host = config.mediaHost ?? (config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host);
    return { sipId: config.sipId, domain: config.domain, host, port: this.endpoint.port };
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async passwordFor(deviceId: string): Promise<string | undefined> {
    const sealed = await gbRepository.sealedPassword(this.deps.db, deviceId);
    if (sealed) return openDevicePassword(await this.deps.secretKey(), deviceId, sealed);
    return this.deps.config.password;
  }


  private async handle(request: SipRequest, peer: SipPeer): Promise<SipResponse | undefined> {
    switch (request.method) {
      case 'REGISTER':
        return this.registrar.handle(request, peer);
      case 'MESSAGE':
      case 'NOTIFY':
        return this.handleManscdp(request, peer);
      case 'BYE':
        return this.dialogs.handleBye(request);
      case 'ACK':
        return undefined;
      case 'OPTIONS':
        return responseTo(request, 200, { headers: [['Allow', 'REGISTER, MESSAGE, NOTIFY, INVITE, ACK, BYE, OPTIONS']] });
      default:
        return responseTo(request, 405, { headers: [['Allow', 'REGISTER, MESSAGE, NOTIFY, ACK, BYE, OPTIONS']] });
    }
  }

  private async handleManscdp(request: SipRequest, peer: SipPeer): Promise<SipResponse> {
    const deviceId = parseNameAddr(request.headers.get('from') ?? '').user ?? '';
    const row = await gbRepository.deviceRow(this.deps.db, deviceId);
    // Only a registered device may talk (§9.6: a keep-alive from an unknown device, or one whose registration ran out, is refused: it re-registers).
    if (!row || !row.registeredAt || (row.expiresAt !== null && row.expiresAt < this.now())) return responseTo(request, 403);
    let message: ManscdpMessage;
    try {
      message = parseManscdp(request.body);
    } catch {
      this.manscdpErrors++;
      return responseTo(request, 400);
    }
    if (message.cmdType === 'Keepalive') {
      await gbRepository.keepalive(this.deps.db, deviceId, this.now(), { transport: peer.transport, host: peer.host, port: peer.port });
      if (!row.online) this.changed(deviceId);
    } else if (message.root === 'Notify' && message.cmdType === 'Alarm') {
      const alarm = readAlarm(message, deviceId, this.now());
      for (const listener of this.alarmListeners) listener(alarm);
      this.background(this.manscdp.send(deviceId, () => alarmResponseBody(message.sn, message.deviceId), message.sn));
    } else if (message.root === 'Notify' && message.cmdType === 'MediaStatus' && text1(message.body, 'NotifyType') === '121') {
      // Sent within the playback dialog: its Call-ID names the session that reached its end.
      this.background(this.dialogs.mediaEnded(request.headers.get('call-id') ?? ''));
    } else if (message.root === 'Notify' && message.cmdType === 'Catalog') {
      await gbRepository.upsertCatalog(this.deps.db, deviceId, readCatalog(message).items, false, this.now());
      this.changed(deviceId);
    } else if (message.root === 'Response') {
      this.manscdp.pending.deliver(deviceId, message);
    }
    return responseTo(request, 200);
  }



  private async registered(deviceId: string, wasOnline: boolean): Promise<void> {
    this.changed(deviceId);
    const [device] = await gbRepository.devices(this.deps.db, deviceId);
    // A device that comes (back) online is asked who it is and what it has; a refresh of a registration is not.
    if (!wasOnline && this.deps.queryOnRegister !== false && !this.stopping) {
      this.background(this.deviceInfo(deviceId).then(() => this.refreshCatalog(deviceId)));
    }
    if (device && !device.known) {
      await this.deps.alarms?.raise({ kind: 'UNREGISTERED_DEVICE', subject: UNREGISTERED_SUBJECT(deviceId), details: { source: 'gb28181', deviceId, transport: device.transport, host: device.host, port: device.port } });
    }
  }

  /** Work that follows a response (alarms, answers to notifies): logged when it fails, awaited by stop(). */
  private background(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.deps.log?.('warn', 'GB/T 28181 background work failed', { error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private wentOffline(deviceId: string): void {
    this.dialogs.endDevice(deviceId);
    this.changed(deviceId);
  }

  private changed(deviceId: string): void {
    for (const listener of this.changeListeners) {
      try {
        listener(deviceId);
      } catch {
        // a listener's failure stays its own
      }
    }
  }
}
