/**
 * Custos on MQTT: alarm events, tamper and availability state per camera, the latest signed ledger
 * checkpoint, and Home Assistant discovery for every active camera (re-published on each connect and
 * whenever the registry changes, polled every minute). Fed by the event bus; never makes the bus wait.
 */
import type { Db } from '../../../db/connect.ts';
import type { CheckpointRow } from '../../../ledger/ledger-repository.ts';
import { camerasRepository } from '../../../registry/repositories/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import { ALARM_KINDS, factsOf, type AlarmKind } from '../../alarm-kinds.ts';
import { alarmRepository } from '../../alarm-repository.ts';
import type { CustosEvent, EventBus } from '../../event-bus.ts';
import type { MqttConfig } from '../config.ts';
import { eventData } from '../event-payload.ts';
import { discoveryConfigs, discoveryTopics, type DiscoveredCamera } from './ha-discovery.ts';
import { MqttConnection, type MqttLog, type MqttStatus } from './mqtt-connection.ts';
import { MqttTopics, topicSafe } from './mqtt-topics.ts';

const TAMPER_KINDS = ALARM_KINDS.filter((k) => factsOf(k).category === 'TAMPER');
/** Events waiting for their database look-ups; past this the newest are dropped (and counted). */
const PENDING_LIMIT = 1000;

export interface MqttPublisherDeps {
  config: MqttConfig;
  db: Db;
  clock: Clock;
  bus: EventBus;
  log: MqttLog & { error(obj: unknown, msg: string): void };
  ledger: { checkpoints(limit: number): Promise<CheckpointRow[]>; publicKey(): Promise<{ keyId: string; publicKeyPem: string }> };
  registryPollMs?: number;
}

export class MqttPublisher {
  private readonly topics: MqttTopics;
  private readonly connection: MqttConnection;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private droppedEvents = 0;
  private discovered = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly deps: MqttPublisherDeps) {
    this.topics = new MqttTopics(deps.config.topicPrefix);
    this.connection = new MqttConnection(deps.config, this.topics, deps.log, () => deps.clock.now());
  }

  get enabled(): boolean {
    return Boolean(this.deps.config.url);
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    await this.loadState();
    this.unsubscribe = this.deps.bus.subscribe((event) => this.accept(event));
    this.connection.whenConnected(() => void this.enqueue(() => this.publishDiscovery(true)));
    this.connection.start();
    this.poll = setInterval(() => void this.enqueue(() => this.publishDiscovery(false)), this.deps.registryPollMs ?? 60_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.poll) clearInterval(this.poll);
    await this.chain;
    await this.connection.stop();
  }

  status(): MqttStatus {
    const status = this.connection.status();
    return { ...status, messagesDropped: status.messagesDropped + this.droppedEvents };
  }

  /** Resolves once every event accepted so far is handed to the connection (tests). */
  settled(): Promise<void> {
    return this.chain;
  }

  private accept(event: CustosEvent): void {
    void this.enqueue(() => this.handle(event));
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    if (this.pending >= PENDING_LIMIT) {
      this.droppedEvents += 1;
      return this.chain;
    }
    this.pending += 1;
    this.chain = this.chain
      .then(work)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'MQTT publisher failed'))
      .finally(() => {
        this.pending -= 1;
      });
    return this.chain;
  }

  private async handle(event: CustosEvent): Promise<void> {
    const { db } = this.deps;
    switch (event.type) {
      case 'alarm.raised':
      case 'alarm.ended':
      case 'alarm.acknowledged': {
        const { data } = await eventData(db, event);
        this.connection.event(this.topics.events(), JSON.stringify({ type: event.type.slice('alarm.'.length), ...data }));
        if (event.alarm.category === 'TAMPER' && event.alarm.cameraId) await this.publishTamper(event.alarm.cameraId);
        return;
      }
      case 'camera.availability':
        this.connection.state(this.topics.availability(topicSafe(event.cameraId)), event.online ? 'online' : 'offline');
        return;
      case 'ledger.checkpoint':
        await this.publishCheckpoint(event.checkpoint);
        return;
      case 'public-report.forwarded': {
        // Art. 24 ¶2: the police side subscribes to <prefix>/events (type "public-report.forwarded").
        const { data } = await eventData(db, event);
        this.connection.event(this.topics.events(), JSON.stringify({ type: event.type, ...data }));
        return;
      }
    }
  }

  private async publishTamper(cameraId: string): Promise<void> {
    const open = await alarmRepository.list(this.deps.db, { cameraIds: [cameraId], categories: ['TAMPER'], open: true });
    const kinds = new Set<AlarmKind>(open.map((a) => a.kind));
    const id = topicSafe(cameraId);
    this.connection.state(this.topics.tamper(id), kinds.size > 0 ? 'ON' : 'OFF');
    for (const kind of TAMPER_KINDS) this.connection.state(this.topics.tamper(id, kind), kinds.has(kind) ? 'ON' : 'OFF');
  }

  private async publishCheckpoint(cp: { treeSize: number; rootHash: string; at: string; keyId: string; signature: string }): Promise<void> {
    const key = await this.deps.ledger.publicKey();
    const { treeSize, rootHash, at, keyId, signature } = cp;
    this.connection.state(
      this.topics.checkpoint(),
      JSON.stringify({ treeSize, rootHash, at, keyId, signature, publicKeyId: key.keyId, publicKeyPem: key.publicKeyPem, publicKeyPath: '/api/ledger/public-key' }),
    );
  }

  /** The retained state as the database has it now: tamper per active camera, the latest checkpoint. */
  private async loadState(): Promise<void> {
    for (const camera of await this.activeCameras()) await this.publishTamper(camera.id);
    const [latest] = await this.deps.ledger.checkpoints(1);
    if (latest) await this.publishCheckpoint(latest);
  }

  private async activeCameras(): Promise<DiscoveredCamera[]> {
    const cameras = await camerasRepository.list(this.deps.db, { status: 'ACTIVE' });
    return cameras.map((c) => ({ id: c.id, name: c.name, manufacturer: c.manufacturer ?? null, model: c.model ?? null }));
  }

  /**
   * One config per active camera (sent when new or changed, or all after a connect); an empty retained
   * config for a camera no longer active, and after a connect for every camera not active.
   */
  private async publishDiscovery(all: boolean): Promise<void> {
    if (!this.deps.config.haDiscovery || !this.connection.connected) return;
    const prefix = this.deps.config.discoveryPrefix;
    const active = await this.activeCameras();
    const next = new Map<string, string>();
    for (const camera of active) {
      const configs = discoveryConfigs(prefix, this.topics, camera);
      const signature = configs.map((c) => c.payload).join('\n');
      next.set(camera.id, signature);
      if (all || this.discovered.get(camera.id) !== signature) for (const c of configs) this.connection.state(c.topic, c.payload);
    }
    const gone = all ? (await camerasRepository.list(this.deps.db)).map((c) => c.id).filter((id) => !next.has(id)) : [...this.discovered.keys()].filter((id) => !next.has(id));
    for (const id of gone) for (const topic of discoveryTopics(prefix, id)) this.connection.state(topic, '');
    this.discovered = next;
  }
}
