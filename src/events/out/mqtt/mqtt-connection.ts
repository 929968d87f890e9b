/**
 * The connection to the broker: the last will (`<prefix>/available` offline, retained), reconnects
 * with a back-off doubling to a minute, and publishes that never wait. Retained state is remembered
 * per topic and sent again on every (re)connect; events wait in a bounded queue while disconnected
 * (the oldest dropped first, counted). The password is never logged: errors are redacted.
 */
import { hostname } from 'node:os';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { redactUrl, stripCredentials } from '../../../shared/redact.ts';
import type { MqttConfig } from '../config.ts';
import type { MqttTopics } from './mqtt-topics.ts';

export interface MqttStatus {
  enabled: boolean;
  /** The broker URL with any password replaced. */
  url: string | null;
  clientId: string | null;
  username: string | null;
  topicPrefix: string;
  retain: boolean;
  haDiscovery: boolean;
  discoveryPrefix: string;
  connected: boolean;
  lastConnectedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  messagesSent: number;
  messagesDropped: number;
  queued: number;
}

export interface MqttLog {
  info(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;
const QUEUE_LIMIT = 1000;

export class MqttConnection {
  private client: MqttClient | undefined;
  private readonly retained = new Map<string, string>();
  private readonly queue: { topic: string; payload: string }[] = [];
  private readonly onConnect = new Set<() => void>();
  private sent = 0;
  private dropped = 0;
  private connectedAt: string | null = null;
  private error: { text: string; at: string } | null = null;
  readonly clientId: string;

  constructor(
    private readonly config: MqttConfig,
    private readonly topics: MqttTopics,
    private readonly log: MqttLog,
    private readonly now: () => Date,
  ) {
    this.clientId = config.clientId ?? `custos-${hostname()}`;
  }

  start(): void {
    if (!this.config.url || this.client) return;
    const options: IClientOptions = {
      clientId: this.clientId,
      reconnectPeriod: MIN_BACKOFF_MS,
      connectTimeout: 10_000,
      queueQoSZero: false,
      will: { topic: this.topics.available(), payload: Buffer.from('offline'), retain: true, qos: 1 },
      ...(this.config.username ? { username: this.config.username } : {}),
      ...(this.config.password ? { password: this.config.password } : {}),
    };
    const client = mqtt.connect(this.config.url, options);
    this.client = client;
    client.on('connect', () => {
      client.options.reconnectPeriod = MIN_BACKOFF_MS;
      this.connectedAt = this.now().toISOString();
      this.log.info({ broker: redactUrl(this.config.url ?? null), clientId: this.clientId }, 'MQTT connected');
      this.send(this.topics.available(), 'online', true);
      for (const [topic, payload] of this.retained) this.send(topic, payload, true);
      for (const message of this.queue.splice(0)) this.send(message.topic, message.payload, false);
      for (const listener of this.onConnect) listener();
    });
    client.on('close', () => {
      if (this.client === client) this.failed(new Error('the connection to the broker closed'));
      client.options.reconnectPeriod = Math.min(MAX_BACKOFF_MS, (client.options.reconnectPeriod ?? MIN_BACKOFF_MS) * 2);
    });
    client.on('error', (error) => this.failed(error));
  }

  /** Runs after every (re)connect, once the retained state went out (discovery configs). */
  whenConnected(listener: () => void): void {
    this.onConnect.add(listener);
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** A state topic: remembered, and sent now or on the next connect. */
  state(topic: string, payload: string): void {
    if (payload === '') this.retained.delete(topic);
    else this.retained.set(topic, payload);
    if (this.connected) this.send(topic, payload, true);
  }

  /** An event: sent now, or queued (bounded) until the broker is back. */
  event(topic: string, payload: string): void {
    if (this.connected) return this.send(topic, payload, false);
    this.queue.push({ topic, payload });
    if (this.queue.length > QUEUE_LIMIT) {
      this.queue.shift();
      this.dropped += 1;
    }
  }

  /** Says offline (retained) and closes; the last will is for connections that die. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    const connected = client.connected;
    if (connected) await client.publishAsync(this.topics.available(), 'offline', { retain: true, qos: 1 }).catch(() => undefined);
    // Without a connection there is nothing to flush: a forced end stops the reconnect loop at once.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      client.end(!connected, {}, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  status(): MqttStatus {
    const { config } = this;
    return {
      enabled: Boolean(config.url),
      url: config.url ? redactUrl(config.url) : null,
      clientId: config.url ? this.clientId : null,
      username: config.username ?? null,
      topicPrefix: config.topicPrefix,
      retain: config.retain,
      haDiscovery: config.haDiscovery,
      discoveryPrefix: config.discoveryPrefix,
      connected: this.connected,
      lastConnectedAt: this.connectedAt,
      lastError: this.error?.text ?? null,
      lastErrorAt: this.error?.at ?? null,
      messagesSent: this.sent,
      messagesDropped: this.dropped,
      queued: this.queue.length,
    };
  }

  private send(topic: string, payload: string, state: boolean): void {
    const client = this.client;
    if (!client) return;
    // State topics are retained as configured; availability, discovery configs and their removal (an empty retained payload) always.
    const retain = state && (this.config.retain || payload === '' || topic === this.topics.available() || topic.startsWith(`${this.config.discoveryPrefix}/`));
    client.publish(topic, payload, { qos: state ? 1 : 0, retain }, (error) => {
      if (error) this.failed(error);
      else this.sent += 1;
    });
  }

  private failed(error: Error): void {
    let text = stripCredentials(error.message, this.config.url ?? null);
    if (this.config.password && this.config.password.length >= 3) text = text.split(this.config.password).join('***');
    this.error = { text, at: this.now().toISOString() };
    this.log.warn({ broker: redactUrl(this.config.url ?? null), error: text }, 'MQTT error');
  }
}
