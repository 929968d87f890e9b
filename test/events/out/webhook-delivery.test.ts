/**
 * Standard Webhooks out of Custos, to a real local HTTP receiver: every message verifies with the
 * `standardwebhooks` package (a verifier nobody here wrote); a receiver answering 500 gets retries on
 * the schedule then a dead letter, redelivered from the API; pending messages survive a restart;
 * secrets appear once, never in lists, logs or the database in plain.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/app/services.ts';
import { startWebhookDispatcher, type WebhookDispatcher } from '../../../src/events/out/webhook-dispatcher.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';
import { startReceiver, type Receiver } from './webhook-support.ts';

interface Body {
  type: string;
  timestamp: string;
  data: Record<string, unknown> & { alarm?: { id: string; kind: string; cameraName: string | null } };
}

describe.each(DIALECTS)('webhooks (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  let receiver: Receiver;
  const logged: string[] = [];
  const log = { warn: (o: unknown, m: string) => logged.push(`${JSON.stringify(o)} ${m}`), error: (o: unknown, m: string) => logged.push(`${JSON.stringify(o)} ${m}`) };
  let dispatcher: WebhookDispatcher | undefined;
  const start = (services = t.services, retrySeconds = [0.15, 0.3]) => {
    dispatcher = startWebhookDispatcher({ db: t.db.db, clock: systemClock, bus: services.bus, webhooks: services.webhooks, log, retrySeconds, timeoutSeconds: 2, pollMs: 50 });
    return dispatcher;
  };

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
    receiver.answer(204);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  async function addEndpoint(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
    const created = await t.call('POST', '/api/webhooks', body);
    expect(created.statusCode, created.body).toBe(201);
    const { endpoint, secret } = created.json<{ endpoint: { id: string }; secret: string }>();
    // The endpoint's creation is a security alarm (EVENTS_OUT_CHANGED), raised once the request is answered:
    // settled here, before a test starts its dispatcher, so it is never one of the test's deliveries.
    await t.services.security.settled();
    return { id: endpoint.id, secret };
  }

  it('signs each event so that the standardwebhooks verifier accepts it, and only the types asked for', async () => {
    const { id, secret } = await addEndpoint({ url: receiver.url, description: 'SOC', eventTypes: ['alarm.raised', 'alarm.ended'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64').length).toBe(32);
    start();
    t.services.bus.publish({ type: 'camera.availability', cameraId: world.cameras.A1, cameraName: 'A1', online: false, at: t.clock.now().toISOString() });
    const alarm = await t.services.alarms.raise({ kind: 'TAMPER_DEFOCUS', cameraId: world.cameras.A1, details: { sharpness: 0.1 } });
    const request = await receiver.waitFor((r) => r.body.includes(alarm.id), 'alarm.raised');
    const verified = new Webhook(secret).verify(request.body, request.headers) as Body;
    expect(verified.type).toBe('alarm.raised');
    expect(verified.data.alarm).toMatchObject({ id: alarm.id, kind: 'TAMPER_DEFOCUS' });
    expect(verified.data.alarm?.cameraName).toBeTruthy();
    expect(request.headers['webhook-id']).toMatch(/^msg_/);
    expect(request.headers['webhook-signature']).toMatch(/^v1,/);
    expect(() => new Webhook(secret).verify(request.body.replace('TAMPER_DEFOCUS', 'TAMPER_OCCLUSION'), request.headers)).toThrow();
    expect(receiver.requests.some((r) => r.body.includes('camera.availability'))).toBe(false);
    const deliveries = await t.call('GET', `/api/webhooks/${id}/deliveries`);
    expect(deliveries.statusCode, deliveries.body).toBe(200);
    await dispatcher!.tick();
    expect((await t.call('GET', `/api/webhooks/${id}/deliveries`)).json<{ attempts: { statusCode: number }[] }>().attempts[0]).toMatchObject({ statusCode: 204 });
    await t.call('DELETE', `/api/webhooks/${id}`);
  });

  it('REG-15-6: carries signed ledger checkpoints', async () => {
    const { id, secret } = await addEndpoint({ url: receiver.url, eventTypes: ['ledger.checkpoint'] });
    start();
    const cp = await t.services.ledger.checkpoint();
    const request = await receiver.waitFor((r) => r.body.includes('ledger.checkpoint') && r.body.includes(cp.signature), 'checkpoint');
    const body = new Webhook(secret).verify(request.body, request.headers) as Body;
    expect(body.data.checkpoint).toMatchObject({ treeSize: cp.treeSize, rootHash: cp.rootHash, keyId: cp.keyId, signature: cp.signature });
    await t.call('DELETE', `/api/webhooks/${id}`);
  });

  it('retries a failing receiver with back-off, then keeps a dead letter that the API redelivers', async () => {
    const { id, secret } = await addEndpoint({ url: receiver.url, eventTypes: ['alarm.raised'] });
    receiver.answer(500);
    start();
    const alarm = await t.services.alarms.raise({ kind: 'SECURITY_BRUTE_FORCE', subject: `u-${id}` });
    const mine = () => receiver.requests.filter((r) => r.body.includes(alarm.id));
    const dead = async () => (await t.call('GET', '/api/webhooks/dead-letters')).json<{ id: string; endpointId: string; attempts: number; lastStatusCode: number }[]>();
    // Follow this alarm's message (an endpoint may also get other alarms, such as changes to endpoints).
    const messageId = () => mine()[0]?.headers['webhook-id'];
    for (let i = 0; i < 200 && !(await dead()).some((m) => m.id === messageId()); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    const letter = (await dead()).find((m) => m.id === messageId());
    expect(letter).toMatchObject({ attempts: 3, lastStatusCode: 500 });
    const attempts = mine();
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers['webhook-id']))).toEqual(new Set([letter!.id]));
    // Waits of the schedule (0.15 s, then 0.3 s) between attempts, at least.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(140);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(290);
    const rows = (await t.call('GET', `/api/webhooks/${id}/deliveries`)).json<{ attempts: { messageId: string; attempt: number; statusCode: number; error: string }[] }>().attempts;
    expect(rows.filter((r) => r.messageId === letter!.id).map((r) => [r.attempt, r.statusCode, r.error]).sort()).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 500, 'HTTP 500'],
    ]);

    receiver.answer(200);
    const redelivered = await t.call('POST', `/api/webhooks/deliveries/${letter!.id}/redeliver`);
    expect(redelivered.statusCode, redelivered.body).toBe(200);
    const fourth = await receiver.waitFor((r) => r.body.includes(alarm.id) && mine().indexOf(r) === 3, 'redelivery');
    expect(new Webhook(secret).verify(fourth.body, fourth.headers)).toBeTruthy();
    await dispatcher!.tick();
    expect((await dead()).some((m) => m.id === letter!.id)).toBe(false);
    await t.call('DELETE', `/api/webhooks/${id}`);
  });

  it('resumes pending deliveries after a restart', async () => {
    const { id, secret } = await addEndpoint({ url: receiver.url, eventTypes: ['alarm.raised'] });
    // No dispatcher runs: the server is down after storing the message (the bus still stores it).
    const services = createServices(t.db.db, t.clock, t.dataDir);
    const first = start(services);
    await first.stop();
    dispatcher = undefined;
    const stored = await t.services.webhooks.enqueue({ type: 'alarm.raised', alarm: await t.services.alarms.raise({ kind: 'UNKNOWN_DEVICE', subject: `dev-${id}` }) });
    expect(stored).toBeGreaterThan(0);
    const pending = (await t.call('GET', `/api/webhooks/${id}/deliveries`)).json<{ messages: { state: string }[] }>().messages;
    expect(pending.map((m) => m.state)).toEqual(['PENDING']);
    // A fresh process: new services on the same database and data folder, a new dispatcher.
    start(createServices(t.db.db, t.clock, t.dataDir));
    const request = await receiver.waitFor((r) => r.body.includes('UNKNOWN_DEVICE') && r.body.includes(`dev-${id}`), 'resumed');
    expect(new Webhook(secret).verify(request.body, request.headers)).toBeTruthy();
    await t.call('DELETE', `/api/webhooks/${id}`);
  });

  it('sends a test event, rotates the secret (the old one no longer verifies), never shows or logs a secret', async () => {
    const { id, secret } = await addEndpoint({ url: receiver.url });
    start();
    const tested = await t.call('POST', `/api/webhooks/${id}/test`);
    expect(tested.statusCode, tested.body).toBe(202);
    const first = await receiver.waitFor((r) => r.body.includes('webhook.test') && r.headers['webhook-id'] === tested.json<{ id: string }>().id, 'test event');
    expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: 'webhook.test' });

    const rotated = await t.call('POST', `/api/webhooks/${id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const next = rotated.json<{ secret: string }>().secret;
    expect(next).not.toBe(secret);
    const again = await t.call('POST', `/api/webhooks/${id}/test`);
    const second = await receiver.waitFor((r) => r.headers['webhook-id'] === again.json<{ id: string }>().id, 'test after rotation');
    expect(new Webhook(next).verify(second.body, second.headers)).toBeTruthy();
    expect(() => new Webhook(secret).verify(second.body, second.headers)).toThrow();

    const everything = [(await t.call('GET', '/api/webhooks')).body, (await t.call('GET', `/api/webhooks/${id}`)).body, (await t.call('GET', `/api/webhooks/${id}/deliveries`)).body, logged.join('\n')].join('\n');
    for (const s of [secret, next]) {
      expect(everything).not.toContain(s);
      expect(everything).not.toContain(s.slice(6));
    }
    const stored = await t.db.db.selectFrom('webhookEndpoints' as never).selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(next.slice(6));
    await t.call('DELETE', `/api/webhooks/${id}`);
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const { id } = await addEndpoint({ url: receiver.url });
    receiver.answer(302, 'http://169.254.169.254/latest/meta-data/');
    start(t.services, []);
    await t.call('POST', `/api/webhooks/${id}/test`);
    for (let i = 0; i < 200; i += 1) {
      const attempts = (await t.call('GET', `/api/webhooks/${id}/deliveries`)).json<{ attempts: unknown[] }>().attempts;
      if (attempts.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const { messages, attempts } = (await t.call('GET', `/api/webhooks/${id}/deliveries`)).json<{ messages: { state: string }[]; attempts: { statusCode: number; error: string }[] }>();
    expect(attempts[0]).toMatchObject({ statusCode: 302, error: 'redirect not followed (302)' });
    expect(messages[0]?.state).toBe('DEAD');
    expect(receiver.requests.filter((r) => r.body.includes('webhook.test') && r.headers['webhook-id'] === undefined)).toHaveLength(0);
    await t.call('DELETE', `/api/webhooks/${id}`);
  });

  it('sends nothing more to a disabled endpoint: its pending messages become dead letters, a test still goes', async () => {
    const { id } = await addEndpoint({ url: receiver.url, eventTypes: ['alarm.raised'] });
    const stored = await t.services.webhooks.enqueue({ type: 'alarm.raised', alarm: await t.services.alarms.raise({ kind: 'UNKNOWN_DEVICE', subject: `off-${id}` }) });
    expect(stored).toBeGreaterThan(0);
    expect((await t.call('PATCH', `/api/webhooks/${id}`, { enabled: false })).statusCode).toBe(200);
    start();
    const tested = (await t.call('POST', `/api/webhooks/${id}/test`)).json<{ id: string }>();
    await receiver.waitFor((r) => r.headers['webhook-id'] === tested.id, 'test to a disabled endpoint');
    await dispatcher!.tick();
    const { messages } = (await t.call('GET', `/api/webhooks/${id}/deliveries`)).json<{ messages: { eventType: string; state: string; lastError: string | null }[] }>();
    expect(messages.find((m) => m.eventType === 'alarm.raised')).toMatchObject({ state: 'DEAD', lastError: 'endpoint disabled' });
    expect(receiver.requests.some((r) => r.body.includes(`off-${id}`))).toBe(false);
    await t.call('DELETE', `/api/webhooks/${id}`);
  });
});
