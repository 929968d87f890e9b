/**
 * The event bus across a cluster's processes: each event this process publishes is sent with
 * PostgreSQL NOTIFY (through the pool), and what the other processes sent arrives by LISTEN on a
 * connection of our own and is handed to the subscribers that hear every process (EventBus.receive),
 * e.g. the browser's alarm stream. A process skips its own notifications, so nothing is heard twice.
 * NOTIFY payloads stop at 8000 bytes: a larger alarm event travels as its id and is read back here.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Db, DbHandle } from '../db/connect.ts';
import { alarmRepository } from '../events/alarm-repository.ts';
import type { AlarmRecord } from '../events/alarm-model.ts';
import { EventBus, type CustosEvent } from '../events/event-bus.ts';
import { openDedicated, type PgTarget } from './pg-dedicated.ts';

/** Below PostgreSQL's 8000-byte limit, with room for the envelope. */
const MAX_PAYLOAD = 7_500;
const RECONNECT_MS = 2_000;

type AlarmEventType = 'alarm.raised' | 'alarm.ended' | 'alarm.acknowledged';
type Envelope = { o: string; e: CustosEvent } | { o: string; alarm: { type: AlarmEventType; id: string } };

export interface EventBridgeOptions extends PgTarget {
  db: Db;
  bus: EventBus;
  /** This process's name in the cluster: its own notifications are skipped. */
  origin: string;
  /** Reads an alarm whose event was too large to send whole. */
  loadAlarm(id: string): Promise<AlarmRecord | undefined>;
  log: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
}

export class ClusterEventBridge {
  private client: pg.Client | undefined;
  private channel: string | undefined;
  private unsubscribe: (() => void) | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: EventBridgeOptions) {}

  /** Listening before it returns: what other processes publish from then on arrives here. */
  async start(): Promise<void> {
    await this.listen();
    this.unsubscribe = this.options.bus.subscribe((event) => this.send(event));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const { client, schema } = await openDedicated(this.options, (lost, error) => {
      if (this.client !== lost) return;
      this.client = undefined;
      this.options.log.warn({ err: error }, 'cluster events: connection lost; other processes’ events wait for the reconnect');
      this.retry();
    });
    // Channels are database-wide: the schema keeps clusters that share a database apart.
    this.channel = `custos_events:${schema}`.slice(0, 63);
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) void this.arrived(message.payload);
    });
    await client.query(`listen ${client.escapeIdentifier(this.channel)}`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private retry(): void {
    if (this.stopped || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.listen().then(
        () => this.client && this.options.log.info?.({}, 'cluster events: listening again'),
        () => this.retry(),
      );
    }, RECONNECT_MS);
    this.reconnect.unref();
  }

  private async send(event: CustosEvent): Promise<void> {
    if (!this.channel) return;
    let payload = JSON.stringify({ o: this.options.origin, e: event } satisfies Envelope);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      if (!isAlarmEvent(event)) {
        this.options.log.warn({ type: event.type, bytes: Buffer.byteLength(payload) }, 'cluster events: event too large for NOTIFY, heard on this process only');
        return;
      }
      payload = JSON.stringify({ o: this.options.origin, alarm: { type: event.type, id: event.alarm.id } } satisfies Envelope);
    }
    await sql`select pg_notify(${this.channel}, ${payload})`.execute(this.options.db);
  }

  private async arrived(payload: string): Promise<void> {
    try {
      const envelope = JSON.parse(payload) as Envelope;
      if (envelope.o === this.options.origin) return;
      if ('e' in envelope) {
        this.options.bus.receive(envelope.e);
        return;
      }
      const alarm = await this.options.loadAlarm(envelope.alarm.id);
      if (alarm) this.options.bus.receive({ type: envelope.alarm.type, alarm });
    } catch (error) {
      this.options.log.warn({ err: error }, 'cluster events: a notification was not understood');
    }
  }
}

function isAlarmEvent(event: CustosEvent): event is Extract<CustosEvent, { type: AlarmEventType }> {
  return event.type === 'alarm.raised' || event.type === 'alarm.ended' || event.type === 'alarm.acknowledged';
}

/**
 * A bus bridged to the rest of the cluster, listening before it returns: for createServices in an API
 * process (api-cluster.ts) and in a recorder process (its tamper alarms reach the browsers too).
 */
export async function startBridgedBus(db: DbHandle, url: string, nodeId: string, log: EventBridgeOptions['log']): Promise<{ bus: EventBus; stop(): Promise<void> }> {
  const bus = new EventBus();
  const bridge = new ClusterEventBridge({
    url,
    schema: db.schema,
    db: db.db,
    bus,
    // Unique even for two processes' worth of services in one process (tests): none may skip another's events.
    origin: `${nodeId}/${randomBytes(4).toString('hex')}`,
    loadAlarm: (id) => alarmRepository.get(db.db, id),
    log,
  });
  await bridge.start();
  return { bus, stop: () => bridge.stop() };
}
