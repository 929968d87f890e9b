/**
 * Custos as a lower platform (下级平台) to one superior platform (GB/T 28181-2022 §9.1 cascading): it
 * registers with Digest and keeps alive through the same UA pieces as the device simulator, answers
 * Catalog with the shared cameras as channels (a register entry written first), DeviceInfo and
 * DeviceStatus, and relays a shared camera's live feed on INVITE when a live source is configured
 * (ACCESS and CLOSE entries), refusing it otherwise with 488 (a DENIAL entry per request).
 */
import type { Clock } from '../../shared/clock.ts';
import type { SipRequest } from '../sip/message.ts';
import { catalogResponses, type CatalogItem } from '../ua/catalog.ts';
import { openSipChannel } from '../ua/channel.ts';
import { gbTime } from '../ua/gb-time.ts';
import { fields, manscdpDocument } from '../ua/manscdp.ts';
import { answerMessage } from '../ua/message-service.ts';
import { Registration, type RegistrationStatus } from '../ua/registration.ts';
import { newTag, SipUserAgent } from '../ua/user-agent.ts';
import type { CascadeUpwardConfig } from './config.ts';
import { LiveUpward, type CascadeLiveSource } from './live-upward.ts';
import type { CascadeShareRecorder } from './share-register.ts';
import type { SharedCamera, SharedCameraSource } from './shared-cameras.ts';

/** What the lead can expose: never the password. */
export interface CascadeLinkStatus {
  name: string;
  enabled: boolean;
  superior: { sipId: string; host: string; port: number; transport: 'udp' | 'tcp' };
  localSipId: string;
  registered: boolean;
  registeredAt: string | null;
  expiresAt: string | null;
  lastKeepaliveAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  lastCatalogAt: string | null;
  /** Cameras in the last catalog sent upward, and those named but left out. */
  sharedCameras: number;
  skipped: Array<{ cameraId: string; problem: string }>;
  /** Live streams sent upward now. */
  liveStreams: number;
}

export interface CascadeDeps {
  source: SharedCameraSource;
  recorder: CascadeShareRecorder;
  clock: Clock;
  version?: string;
  /** Live feeds of registry cameras; without it live INVITEs upward are refused (488). */
  live?: CascadeLiveSource;
}

export class CascadeClient {
  private ua: SipUserAgent | undefined;
  private registration: Registration | undefined;
  private lastCatalogAt: string | null = null;
  private lastShared: { cameras: number; skipped: CascadeLinkStatus['skipped'] } = { cameras: 0, skipped: [] };
  private lastError: CascadeLinkStatus['lastError'] = null;
  private readonly live: LiveUpward | undefined;

  constructor(
    readonly link: CascadeUpwardConfig,
    private readonly deps: CascadeDeps,
  ) {
    this.live = deps.live ? new LiveUpward(link, { source: deps.live, recorder: deps.recorder, from: () => this.from(), localHost: link.localHost, onError: (code, error) => this.fail(code, error) }) : undefined;
  }

  private get domain(): string {
    return this.link.superior.domain ?? this.link.superior.sipId.slice(0, 10);
  }

  /** Opens the SIP connection and sends the first REGISTER; resolves whether it registered (it retries either way). */
  async start(): Promise<boolean> {
    const { superior } = this.link;
    let channel: Awaited<ReturnType<typeof openSipChannel>>;
    try {
      channel = await openSipChannel(superior.transport === 'tcp' ? 'TCP' : 'UDP', { host: superior.host, port: superior.port }, this.link.localHost);
    } catch (error) {
      this.fail('E_CASCADE_SOCKET', error);
      return false;
    }
    const ua = new SipUserAgent(
      channel,
      { id: this.link.localSipId, domain: this.domain, userAgent: `Custos ${this.deps.version ?? ''}`.trim(), ...(this.link.advertiseHost ? { advertiseHost: this.link.advertiseHost } : {}) },
      { id: superior.sipId, host: superior.host, port: superior.port },
    );
    this.ua = ua;
    this.registration = new Registration(ua, { username: this.link.localSipId, password: this.link.password, expiresSec: this.link.registerExpiresSec, keepaliveSec: this.link.keepaliveSec, retrySec: Math.min(60, this.link.keepaliveSec) }, () => this.deps.clock.now());
    ua.onRequest((request) => this.handle(ua, request));
    return this.registration.start();
  }

  async stop(): Promise<void> {
    await this.live?.closeAll();
    await this.registration?.stop();
    await this.ua?.close();
    this.ua = undefined;
  }

  status(): CascadeLinkStatus {
    const s: RegistrationStatus | undefined = this.registration?.status;
    const { superior } = this.link;
    const regError = s?.lastError ?? null;
    const lastError = [regError, this.lastError].filter((e) => e !== null).sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;
    return {
      name: this.link.name,
      enabled: this.link.enabled,
      superior: { sipId: superior.sipId, host: superior.host, port: superior.port, transport: superior.transport },
      localSipId: this.link.localSipId,
      registered: s?.registered ?? false,
      registeredAt: s?.registeredAt ?? null,
      expiresAt: s?.expiresAt ?? null,
      lastKeepaliveAt: s?.lastKeepaliveAt ?? null,
      lastError,
      lastCatalogAt: this.lastCatalogAt,
      sharedCameras: this.lastShared.cameras,
      skipped: this.lastShared.skipped,
      liveStreams: this.live?.active ?? 0,
    };
  }

  /** The register's client address: where the superior platform is (its requests come over our link to it). */
  private from(): string {
    return `${this.link.superior.host}:${this.link.superior.port}`;
  }

  private async handle(ua: SipUserAgent, request: SipRequest): Promise<void> {
    const id = this.link.localSipId;
    switch (request.method) {
      case 'MESSAGE':
        await answerMessage(ua, request, {
          Catalog: async (q) => {
            let shared: Awaited<ReturnType<SharedCameraSource['sharedCameras']>>;
            try {
              shared = await this.deps.source.sharedCameras(this.link);
            } catch (error) {
              this.fail('E_CASCADE_SHARED_CAMERAS', error);
              return catalogResponses(id, q.sn, [], this.link.catalogPerMessage);
            }
            this.lastShared = { cameras: shared.cameras.length, skipped: shared.skipped };
            // Nothing leaves before its register entry exists; a failed write sends an empty catalog.
            if (shared.cameras.length > 0) {
              try {
                await this.deps.recorder.catalogShared(this.link, shared.cameras, this.from());
              } catch (error) {
                this.fail('E_CASCADE_REGISTER_ENTRY', error);
                return catalogResponses(id, q.sn, [], this.link.catalogPerMessage);
              }
            }
            this.lastCatalogAt = this.deps.clock.now().toISOString();
            return catalogResponses(id, q.sn, shared.cameras.map((c) => this.item(c)), this.link.catalogPerMessage);
          },
          DeviceInfo: (q) => [manscdpDocument('Response', 'DeviceInfo', q.sn, id, fields({ DeviceName: this.link.name, Result: 'OK', Manufacturer: 'Custos', Model: 'Custos VMS', Firmware: this.deps.version ?? '1', Channel: this.lastShared.cameras }))],
          DeviceStatus: (q) => [manscdpDocument('Response', 'DeviceStatus', q.sn, id, fields({ Result: 'OK', Online: 'ONLINE', Status: 'OK', DeviceTime: gbTime(this.deps.clock.now()) }))],
        });
        return;
      case 'INVITE':
        return this.invite(ua, request);
      case 'ACK':
        return this.live?.ack(request);
      case 'BYE':
        return this.live ? this.live.bye(ua, request) : void ua.reply(request, 481);
      case 'OPTIONS':
      case 'CANCEL':
        return void ua.reply(request, 200);
      default:
        return void ua.reply(request, 405);
    }
  }

  /** A shared camera's live feed when there is one; otherwise 488 (404 for a channel not shared) with a DENIAL entry. */
  private async invite(ua: SipUserAgent, request: SipRequest): Promise<void> {
    const channelId = /^sips?:(\d{20})@/i.exec(request.uri)?.[1] ?? /^(\d{20}):/.exec(request.headers.get('subject') ?? '')?.[1] ?? '';
    const shared = await this.deps.source.sharedCameras(this.link).catch(() => ({ cameras: [] as SharedCamera[] }));
    const camera = shared.cameras.find((c) => c.channelId === channelId) ?? null;
    if (camera && this.live && (await this.live.invite(ua, request, camera))) return;
    const code = camera ? 'E_CASCADE_LIVE_NOT_AVAILABLE' : 'E_CASCADE_NOT_SHARED';
    try {
      await this.deps.recorder.liveRefused(this.link, camera, channelId, code, this.from());
    } catch (error) {
      this.fail('E_CASCADE_REGISTER_ENTRY', error);
    }
    ua.reply(request, camera ? 488 : 404, { toTag: newTag(), ...(camera ? { reason: 'Not Acceptable Here (live upward not yet available)' } : {}) });
  }

  private item(camera: SharedCamera): CatalogItem {
    return {
      deviceId: camera.channelId,
      name: camera.name,
      manufacturer: 'Custos',
      model: 'camera',
      owner: 'Owner',
      civilCode: camera.channelId.slice(0, 6),
      ...(camera.address ? { address: camera.address } : {}),
      parental: 0,
      parentId: this.link.localSipId,
      status: camera.status,
    };
  }

  private fail(code: string, error: unknown): void {
    this.lastError = { code, message: error instanceof Error ? error.message.slice(0, 200) : 'unknown', at: this.deps.clock.now().toISOString() };
  }
}
