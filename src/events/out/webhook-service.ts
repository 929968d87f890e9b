/**
 * Webhook endpoints and their messages: endpoints made through the API (secret sealed in the database,
 * shown once) and declared in YAML (read-only); every bus event becomes one message per endpoint that
 * wants it, stored before any attempt so that a restart loses none (the dispatcher sends them).
 */
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import type { Principal } from '../../access/principal.ts';
import type { Db } from '../../db/connect.ts';
import type { KeyRing } from '../../security/key-ring.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { CustosEvent } from '../event-bus.ts';
import type { EventsOutChange } from '../security/security-signals.ts';
import type { DeclaredWebhook } from './config.ts';
import { eventData } from './event-payload.ts';
import { requireEventsOutManage, requireEventsOutRead } from './events-out-access.ts';
import { webhookDeclaredInConfig, webhookMessageNotFound, webhookNotFound } from './out-errors.ts';
import type { WebhookEventType } from './webhook-event-types.ts';
import {
  accepts,
  attemptOfRow,
  endpointOfDeclared,
  endpointOfRow,
  messageOfRow,
  YAML_PREFIX,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookMessage,
} from './webhook-model.ts';
import { webhookRepository as repo } from './webhook-repository.ts';
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from './webhook-secret.ts';
import { checkWebhookUrl } from './webhook-target.ts';

export interface WebhookServiceDeps {
  db: Db;
  clock: Clock;
  gate: AuthorizationService;
  keys: KeyRing;
  declared?: readonly DeclaredWebhook[] | undefined;
  /** The ports this server listens on: a webhook may not point at them. */
  ownPorts?: (() => readonly number[]) | undefined;
  /** Told of every endpoint made, changed, re-keyed or removed (a security alarm: where alarm data leaves). */
  observer?: { eventsOutChanged(change: EventsOutChange): void } | undefined;
}

export interface EndpointInput {
  url: string;
  description?: string | undefined;
  eventTypes?: WebhookEventType[] | undefined;
  enabled?: boolean | undefined;
}

/** Where and with which secret the dispatcher sends an endpoint's messages. */
export interface EndpointTarget {
  endpoint: WebhookEndpoint;
  secret: string;
}

export class WebhookService {
  private readonly queued = new Set<() => void>();
  readonly ownPorts: () => readonly number[];

  constructor(private readonly deps: WebhookServiceDeps) {
    this.ownPorts = deps.ownPorts ?? (() => []);
  }

  /** Called whenever a message became due now (a new event, a test, a redelivery). */
  onQueued(listener: () => void): () => void {
    this.queued.add(listener);
    return () => this.queued.delete(listener);
  }

  async list(principal: Principal): Promise<WebhookEndpoint[]> {
    await requireEventsOutRead(this.deps.gate, principal);
    return this.all();
  }

  async get(principal: Principal, id: string): Promise<WebhookEndpoint> {
    await requireEventsOutRead(this.deps.gate, principal);
    return this.endpoint(id);
  }

  async create(principal: Principal, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await requireEventsOutManage(this.deps.gate, principal);
    checkWebhookUrl(input.url, this.ownPorts());
    const id = newId('whk');
    const secret = newWebhookSecret();
    const now = this.deps.clock.now().toISOString();
    await repo.insertEndpoint(this.deps.db, {
      id,
      url: input.url,
      description: input.description ?? '',
      eventTypes: JSON.stringify(input.eventTypes ?? []),
      enabled: input.enabled === false ? 0 : 1,
      secretSealed: sealWebhookSecret(await this.deps.keys.webhookKey(), id, secret),
      createdBy: principal.userId,
      createdByName: principal.displayName,
      createdAt: now,
      updatedAt: now,
    });
    this.told(principal, 'CREATED', id, input.url);
    return { endpoint: await this.endpoint(id), secret };
  }

  async update(principal: Principal, id: string, patch: Partial<EndpointInput>): Promise<WebhookEndpoint> {
    await requireEventsOutManage(this.deps.gate, principal);
    const before = await this.storedRow(id);
    if (patch.url !== undefined) checkWebhookUrl(patch.url, this.ownPorts());
    await repo.updateEndpoint(this.deps.db, id, {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.eventTypes !== undefined ? { eventTypes: JSON.stringify(patch.eventTypes) } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
      updatedAt: this.deps.clock.now().toISOString(),
    });
    const changed = (['url', 'description', 'eventTypes', 'enabled'] as const).filter((field) => patch[field] !== undefined);
    this.told(principal, 'UPDATED', id, patch.url ?? before.url, changed);
    return this.endpoint(id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await requireEventsOutManage(this.deps.gate, principal);
    const removed = await this.storedRow(id);
    await repo.deleteEndpoint(this.deps.db, id);
    this.told(principal, 'REMOVED', id, removed.url);
  }

  /** A new secret, shown this once; messages still pending are signed with it from now on. */
  async rotateSecret(principal: Principal, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await requireEventsOutManage(this.deps.gate, principal);
    const row = await this.storedRow(id);
    const secret = newWebhookSecret();
    await repo.updateEndpoint(this.deps.db, id, {
      secretSealed: sealWebhookSecret(await this.deps.keys.webhookKey(), id, secret),
      updatedAt: this.deps.clock.now().toISOString(),
    });
    this.told(principal, 'SECRET_ROTATED', id, row.url);
    return { endpoint: await this.endpoint(id), secret };
  }

  /** Queues a `webhook.test` message to this endpoint alone (even when disabled: the operator asked). */
  async sendTest(principal: Principal, id: string): Promise<WebhookMessage> {
    await requireEventsOutManage(this.deps.gate, principal);
    const endpoint = await this.endpoint(id);
    const at = this.deps.clock.now().toISOString();
    const body = JSON.stringify({ type: 'webhook.test', timestamp: at, data: { endpointId: endpoint.id, requestedBy: principal.displayName } });
    const message = await this.insertMessage(endpoint.id, 'webhook.test', body);
    this.wake();
    return message;
  }

  async deliveries(principal: Principal, id: string, limit = 100): Promise<{ messages: WebhookMessage[]; attempts: WebhookAttempt[] }> {
    await requireEventsOutRead(this.deps.gate, principal);
    await this.endpoint(id);
    const [messages, attempts] = await Promise.all([repo.messages(this.deps.db, { endpointId: id, limit }), repo.deliveries(this.deps.db, id, limit)]);
    return { messages: messages.map(messageOfRow), attempts: attempts.map(attemptOfRow) };
  }

  async deadLetters(principal: Principal, limit = 200): Promise<WebhookMessage[]> {
    await requireEventsOutRead(this.deps.gate, principal);
    return (await repo.messages(this.deps.db, { state: 'DEAD', limit })).map(messageOfRow);
  }

  /** A dead letter (or any message) goes out again from the first attempt of the schedule. */
  async redeliver(principal: Principal, messageId: string): Promise<WebhookMessage> {
    await requireEventsOutManage(this.deps.gate, principal);
    const row = await repo.message(this.deps.db, messageId);
    if (!row) throw webhookMessageNotFound(messageId);
    await this.endpoint(row.endpointId);
    const now = this.deps.clock.now().toISOString();
    await repo.updateMessage(this.deps.db, messageId, { state: 'PENDING', attempts: 0, nextAttemptAt: now, claimedUntil: null, updatedAt: now });
    this.wake();
    return messageOfRow((await repo.message(this.deps.db, messageId))!);
  }

  /** One message per enabled endpoint that wants this event type. */
  async enqueue(event: CustosEvent): Promise<number> {
    const endpoints = (await this.all()).filter((e) => accepts(e, event.type));
    if (endpoints.length === 0) return 0;
    const { at, data } = await eventData(this.deps.db, event);
    const body = JSON.stringify({ type: event.type, timestamp: at, data });
    for (const endpoint of endpoints) await this.insertMessage(endpoint.id, event.type, body);
    this.wake();
    return endpoints.length;
  }

  /** For the dispatcher: the endpoint (stored or declared) and its secret; undefined once deleted. */
  async target(endpointId: string): Promise<EndpointTarget | undefined> {
    const declared = this.deps.declared?.find((d) => `${YAML_PREFIX}${d.name}` === endpointId);
    if (declared) return { endpoint: endpointOfDeclared(declared), secret: declared.secret };
    const row = await repo.endpoint(this.deps.db, endpointId);
    if (!row) return undefined;
    return { endpoint: endpointOfRow(row), secret: openWebhookSecret(await this.deps.keys.webhookKey(), row.id, row.secretSealed) };
  }

  private wake(): void {
    for (const listener of this.queued) listener();
  }

  private async insertMessage(endpointId: string, eventType: string, body: string): Promise<WebhookMessage> {
    const now = this.deps.clock.now().toISOString();
    const row = {
      id: newId('msg'),
      endpointId,
      eventType,
      body,
      state: 'PENDING',
      attempts: 0,
      nextAttemptAt: now,
      claimedUntil: null,
      lastStatusCode: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertMessage(this.deps.db, row);
    return messageOfRow(row);
  }

  private async all(): Promise<WebhookEndpoint[]> {
    const stored = (await repo.endpoints(this.deps.db)).map(endpointOfRow);
    return [...(this.deps.declared ?? []).map(endpointOfDeclared), ...stored];
  }

  private async endpoint(id: string): Promise<WebhookEndpoint> {
    const found = (await this.all()).find((e) => e.id === id);
    if (!found) throw webhookNotFound(id);
    return found;
  }

  /** A stored endpoint; one declared in YAML is changed only there. */
  private told(principal: Principal, action: EventsOutChange['action'], endpointId: string, url: string, changed?: string[]): void {
    this.deps.observer?.eventsOutChanged({ action, endpointId, url, ...(changed ? { changed } : {}), actor: { userId: principal.userId, name: principal.displayName }, address: principal.clientAddress });
  }

  private async storedRow(id: string) {
    if (id.startsWith(YAML_PREFIX) && this.deps.declared?.some((d) => `${YAML_PREFIX}${d.name}` === id)) throw webhookDeclaredInConfig(id);
    const row = await repo.endpoint(this.deps.db, id);
    if (!row) throw webhookNotFound(id);
    return row;
  }
}
