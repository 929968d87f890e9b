/**
 * The one ONVIF client of Custos: SOAP 1.2 over HTTP with WS-Security UsernameToken digests made in
 * the device's time (its clock offset learnt with GetSystemDateAndTime before the first signed call),
 * HTTP Digest when the device answers 401, faults and malformed answers as OnvifError.
 * Device, Media, PTZ and Events calls; service addresses from GetCapabilities (GetServices when that
 * is refused).
 */
import type { PtzPreset, PtzVelocity } from '../ptz/ptz-driver.ts';
import { parseCapabilities, parseDeviceInformation, parseNetworkInterfaces, parseServices, parseSystemDateAndTime, type DeviceInformation, type NetworkInterface, type ServiceAddresses } from './parse/device.ts';
import { parsePullMessages, parsePullPoint, parseRenew, type OnvifNotification, type PullPoint } from './parse/events.ts';
import { parseMediaUri, parseProfiles, type MediaProfile } from './parse/media.ts';
import { parsePresets, parseSetPreset } from './parse/ptz.ts';
import { envelope, escapeXml, NS, type Credential } from './soap/envelope.ts';
import { OnvifError } from './soap/errors.ts';
import { parseResponse } from './soap/response.ts';
import { postSoap } from './soap/transport.ts';

export interface OnvifClientOptions {
  /** The device service address, e.g. http://192.0.2.10/onvif/device_service. */
  deviceUrl: string;
  credential?: Credential | undefined;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** The local clock (tests move it). */
  now?: () => Date;
}

const clamp = (n: number) => Math.max(-1, Math.min(1, Number.isFinite(n) ? n : 0));

export class OnvifClient {
  readonly deviceUrl: string;
  private readonly credential: Credential | undefined;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  /** Device clock minus local clock, ms; undefined until learnt. */
  private offsetMs: number | undefined;
  private services: ServiceAddresses | undefined;

  constructor(private readonly options: OnvifClientOptions) {
    this.deviceUrl = options.deviceUrl;
    this.credential = options.credential;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? (() => new Date());
  }

  /** How far the device's clock is ahead of ours (ms), once learnt. */
  get clockOffsetMs(): number | undefined {
    return this.offsetMs;
  }

  /** Posts one call; signs it unless `signed` is false. Returns the answer's text. */
  async call(url: string, action: string, body: string, options: { signed?: boolean; header?: string; timeoutMs?: number } = {}): Promise<string> {
    const signed = options.signed !== false && this.credential !== undefined;
    let synced = false;
    if (signed && this.offsetMs === undefined) {
      await this.syncClock();
      synced = true;
    }
    const send = () => {
      const created = new Date(this.now().getTime() + (this.offsetMs ?? 0));
      const xml = envelope(body, { credential: signed ? this.credential : undefined, created, ...(options.header ? { header: options.header } : {}) });
      return postSoap(url, action, xml, { timeoutMs: options.timeoutMs ?? this.timeoutMs, credential: this.credential, ...(this.options.maxResponseBytes ? { maxBytes: this.options.maxResponseBytes } : {}) });
    };
    if (!signed || synced) return send();
    // A token refused by a device whose clock moved since we learnt it: learn it again, once.
    const text = await send();
    if (!/NotAuthorized|FailedAuthentication/.test(text)) return text;
    await this.syncClock();
    return send();
  }

  // ---- Device service

  async systemDateAndTime(): Promise<Date> {
    return parseSystemDateAndTime(await this.call(this.deviceUrl, `${NS.tds}/GetSystemDateAndTime`, `<GetSystemDateAndTime xmlns="${NS.tds}"/>`, { signed: false }));
  }

  /** Learns the device's clock offset; a device that does not tell is taken to agree with us. */
  async syncClock(): Promise<number> {
    const before = this.now().getTime();
    try {
      const device = await this.systemDateAndTime();
      const after = this.now().getTime();
      this.offsetMs = device.getTime() - Math.round((before + after) / 2);
    } catch (error) {
      if (!(error instanceof OnvifError) || error.code === 'E_ONVIF_UNREACHABLE' || error.code === 'E_ONVIF_TIMEOUT') throw error;
      this.offsetMs = 0;
    }
    return this.offsetMs;
  }

  async deviceInformation(): Promise<DeviceInformation> {
    return parseDeviceInformation(await this.call(this.deviceUrl, `${NS.tds}/GetDeviceInformation`, `<GetDeviceInformation xmlns="${NS.tds}"/>`));
  }

  async networkInterfaces(): Promise<NetworkInterface[]> {
    return parseNetworkInterfaces(await this.call(this.deviceUrl, `${NS.tds}/GetNetworkInterfaces`, `<GetNetworkInterfaces xmlns="${NS.tds}"/>`));
  }

  /** Media, PTZ and Events addresses (cached): GetCapabilities, or GetServices when that is refused. */
  async serviceAddresses(): Promise<ServiceAddresses> {
    if (this.services) return this.services;
    try {
      this.services = parseCapabilities(await this.call(this.deviceUrl, `${NS.tds}/GetCapabilities`, `<GetCapabilities xmlns="${NS.tds}"><Category>All</Category></GetCapabilities>`));
    } catch (error) {
      if (!(error instanceof OnvifError) || error.code !== 'E_ONVIF_FAULT') throw error;
      this.services = parseServices(await this.call(this.deviceUrl, `${NS.tds}/GetServices`, `<GetServices xmlns="${NS.tds}"><IncludeCapability>false</IncludeCapability></GetServices>`));
    }
    return this.services;
  }

  private async service(name: 'media' | 'ptz' | 'events'): Promise<string> {
    const url = (await this.serviceAddresses())[name];
    if (!url) throw new OnvifError('E_ONVIF_UNSUPPORTED', `the device offers no ${name} service`);
    return url;
  }

  // ---- Media service

  async profiles(): Promise<MediaProfile[]> {
    return parseProfiles(await this.call(await this.service('media'), `${NS.trt}/GetProfiles`, `<GetProfiles xmlns="${NS.trt}"/>`));
  }

  /** The RTSP address (RTP unicast) of a profile. */
  async streamUri(profileToken: string): Promise<string> {
    const body = `<GetStreamUri xmlns="${NS.trt}"><StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></StreamSetup><ProfileToken>${escapeXml(profileToken)}</ProfileToken></GetStreamUri>`;
    return parseMediaUri(await this.call(await this.service('media'), `${NS.trt}/GetStreamUri`, body), 'GetStreamUriResponse');
  }

  async snapshotUri(profileToken: string): Promise<string> {
    const body = `<GetSnapshotUri xmlns="${NS.trt}"><ProfileToken>${escapeXml(profileToken)}</ProfileToken></GetSnapshotUri>`;
    return parseMediaUri(await this.call(await this.service('media'), `${NS.trt}/GetSnapshotUri`, body), 'GetSnapshotUriResponse');
  }

  // ---- PTZ service

  async continuousMove(profileToken: string, velocity: PtzVelocity): Promise<void> {
    const body = `<ContinuousMove xmlns="${NS.tptz}"><ProfileToken>${escapeXml(profileToken)}</ProfileToken><Velocity><tt:PanTilt x="${clamp(velocity.pan)}" y="${clamp(velocity.tilt)}"/><tt:Zoom x="${clamp(velocity.zoom)}"/></Velocity></ContinuousMove>`;
    parseResponse(await this.call(await this.service('ptz'), `${NS.tptz}/ContinuousMove`, body), 'ContinuousMoveResponse');
  }

  async stop(profileToken: string): Promise<void> {
    const body = `<Stop xmlns="${NS.tptz}"><ProfileToken>${escapeXml(profileToken)}</ProfileToken><PanTilt>true</PanTilt><Zoom>true</Zoom></Stop>`;
    parseResponse(await this.call(await this.service('ptz'), `${NS.tptz}/Stop`, body), 'StopResponse');
  }

  async presets(profileToken: string): Promise<PtzPreset[]> {
    return parsePresets(await this.call(await this.service('ptz'), `${NS.tptz}/GetPresets`, `<GetPresets xmlns="${NS.tptz}"><ProfileToken>${escapeXml(profileToken)}</ProfileToken></GetPresets>`));
  }

  async gotoPreset(profileToken: string, presetToken: string): Promise<void> {
    const body = `<GotoPreset xmlns="${NS.tptz}"><ProfileToken>${escapeXml(profileToken)}</ProfileToken><PresetToken>${escapeXml(presetToken)}</PresetToken></GotoPreset>`;
    parseResponse(await this.call(await this.service('ptz'), `${NS.tptz}/GotoPreset`, body), 'GotoPresetResponse');
  }

  async setPreset(profileToken: string, name: string): Promise<PtzPreset> {
    const body = `<SetPreset xmlns="${NS.tptz}"><ProfileToken>${escapeXml(profileToken)}</ProfileToken><PresetName>${escapeXml(name)}</PresetName></SetPreset>`;
    return { token: parseSetPreset(await this.call(await this.service('ptz'), `${NS.tptz}/SetPreset`, body)), name };
  }

  // ---- Events service (pull point)

  async createPullPoint(terminationSeconds = 60): Promise<PullPoint> {
    const body = `<CreatePullPointSubscription xmlns="${NS.tev}"><InitialTerminationTime>PT${terminationSeconds}S</InitialTerminationTime></CreatePullPointSubscription>`;
    return parsePullPoint(await this.call(await this.service('events'), `${NS.tev}/EventPortType/CreatePullPointSubscriptionRequest`, body));
  }

  private addressed(pullPoint: string, action: string): string {
    return `<wsa:Action xmlns:wsa="${NS.wsa}">${action}</wsa:Action><wsa:To xmlns:wsa="${NS.wsa}">${escapeXml(pullPoint)}</wsa:To>`;
  }

  /** Waits up to `timeoutSeconds` on the device for at most `limit` notifications. */
  async pullMessages(pullPoint: string, timeoutSeconds = 5, limit = 32): Promise<OnvifNotification[]> {
    const action = `${NS.tev}/PullPointSubscription/PullMessagesRequest`;
    const body = `<PullMessages xmlns="${NS.tev}"><Timeout>PT${timeoutSeconds}S</Timeout><MessageLimit>${limit}</MessageLimit></PullMessages>`;
    // the device holds the answer up to the Timeout: the HTTP time limit is beyond it
    return parsePullMessages(await this.call(pullPoint, action, body, { header: this.addressed(pullPoint, action), timeoutMs: timeoutSeconds * 1000 + this.timeoutMs }));
  }

  async renew(pullPoint: string, terminationSeconds = 60): Promise<string | null> {
    const action = `${NS.wsnt}/SubscriptionManager/RenewRequest`;
    const body = `<Renew xmlns="${NS.wsnt}"><TerminationTime>PT${terminationSeconds}S</TerminationTime></Renew>`;
    return parseRenew(await this.call(pullPoint, action, body, { header: this.addressed(pullPoint, action) }));
  }

  async unsubscribe(pullPoint: string): Promise<void> {
    const action = `${NS.wsnt}/SubscriptionManager/UnsubscribeRequest`;
    parseResponse(await this.call(pullPoint, action, `<Unsubscribe xmlns="${NS.wsnt}"/>`, { header: this.addressed(pullPoint, action) }), 'UnsubscribeResponse');
  }
}
