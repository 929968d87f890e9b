/**
 * Webhook endpoints through the API: who may read and manage them (they carry every camera's alarms),
 * which targets are refused (not http(s), credentials in the URL, cloud metadata, the server's own
 * port, also when a name resolves to it at connect time), and endpoints declared in YAML (read-only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredWebhookSchema } from '../../../src/events/out/config.ts';
import { webhookRepository } from '../../../src/events/out/webhook-repository.ts';
import { sendWebhook } from '../../../src/events/out/webhook-sender.ts';
import { WebhookService } from '../../../src/events/out/webhook-service.ts';
import { KeyRing } from '../../../src/security/key-ring.ts';
import { makeUser } from '../../support/access.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { scopedCaller, seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';

describe.each(DIALECTS)('webhook endpoints API (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
  });
  afterAll(() => t.close());

  async function caller(role: 'AUDITOR' | 'MONITOR_OPERATOR') {
    const user = await makeUser(t, { unitId: world.A.unitId, grants: [{ role }] });
    return t.tokenHeaders(user.userId);
  }

  it('REG-16-2: AUDIT reads, CONFIG or ADMINISTER over everything manages, others are refused', async () => {
    const created = await t.call('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/hook', description: 'SOC' });
    expect(created.statusCode, created.body).toBe(201);
    const { endpoint } = created.json<{ endpoint: { id: string; source: string; createdByName: string } }>();
    expect(endpoint).toMatchObject({ source: 'API', createdByName: '测试员' });

    const auditor = await caller('AUDITOR');
    expect((await t.call('GET', '/api/webhooks', undefined, auditor)).statusCode).toBe(200);
    expect((await t.call('GET', `/api/webhooks/${endpoint.id}/deliveries`, undefined, auditor)).statusCode).toBe(200);
    const refused = await t.call('POST', `/api/webhooks/${endpoint.id}/rotate-secret`, undefined, auditor);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'E_EVENTS_OUT_MANAGE_NOT_GRANTED' });

    const operator = await caller('MONITOR_OPERATOR');
    const hidden = await t.call('GET', '/api/webhooks', undefined, operator);
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json()).toMatchObject({ code: 'E_EVENTS_OUT_READ_NOT_GRANTED' });
    expect((await t.call('GET', '/api/events/mqtt', undefined, operator)).statusCode).toBe(403);

    // An administrator of one unit only does not hold the power over everything that events out need.
    const unitAdmin = await scopedCaller(t, world, 'UNIT_A', 'ADMINISTRATOR');
    expect((await t.call('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/x' }, unitAdmin.headers)).json()).toMatchObject({ code: 'E_EVENTS_OUT_MANAGE_NOT_GRANTED' });

    const patched = await t.call('PATCH', `/api/webhooks/${endpoint.id}`, { enabled: false, eventTypes: ['alarm.raised'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ enabled: false, eventTypes: ['alarm.raised'] });
    expect((await t.call('DELETE', `/api/webhooks/${endpoint.id}`)).statusCode).toBe(204);
    expect((await t.call('GET', `/api/webhooks/${endpoint.id}`)).statusCode).toBe(404);
  });

  it('REG-23-3: refuses targets that are not http(s), carry credentials or point at a metadata service', async () => {
    for (const [url, reason] of [
      ['ftp://example.org/x', 'SCHEME'],
      ['file:///etc/passwd', 'SCHEME'],
      ['http://user:pw@example.org/x', 'CREDENTIALS'],
      ['http://169.254.169.254/latest/meta-data/', 'METADATA'],
      ['http://100.100.100.200/latest/meta-data/', 'METADATA'],
      ['http://[fd00:ec2::254]/', 'METADATA'],
    ] as const) {
      const response = await t.call('POST', '/api/webhooks', { url });
      expect(response.statusCode, url).toBe(422);
      expect(response.json(), url).toMatchObject({ code: 'E_WEBHOOK_TARGET_FORBIDDEN', details: { reason } });
    }
  });

  it('refuses the server’s own port, by address when saved and by name when connecting', async () => {
    const service = new WebhookService({ db: t.db.db, clock: t.clock, gate: t.services.authorization, keys: new KeyRing(t.dataDir), ownPorts: () => [8080] });
    await expect(service.create(t.admin.principal, { url: 'http://127.0.0.1:8080/api/setup' })).rejects.toMatchObject({ code: 'E_WEBHOOK_TARGET_FORBIDDEN', details: { reason: 'OWN_PORT' } });
    const attempt = await sendWebhook({ url: 'http://localhost:8080/api/setup', headers: {}, body: '{}', timeoutMs: 2000, ownPorts: () => [8080] });
    expect(attempt.ok).toBe(false);
    expect(attempt.error).toContain("this server's own port");
  });

  it('lists endpoints declared in YAML, read-only, and sends to them with their secret', async () => {
    const declared = declaredWebhookSchema.parse({ name: 'ha', url: 'http://127.0.0.1:9/api/webhook/x', secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`, eventTypes: ['alarm.raised'] });
    const service = new WebhookService({ db: t.db.db, clock: t.clock, gate: t.services.authorization, keys: new KeyRing(t.dataDir), declared: [declared] });
    const [listed] = await service.list(t.admin.principal);
    expect(listed).toMatchObject({ id: 'yaml_ha', source: 'CONFIG', eventTypes: ['alarm.raised'], enabled: true });
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    await expect(service.update(t.admin.principal, 'yaml_ha', { enabled: false })).rejects.toMatchObject({ code: 'E_WEBHOOK_DECLARED_IN_CONFIG' });
    await expect(service.rotateSecret(t.admin.principal, 'yaml_ha')).rejects.toMatchObject({ code: 'E_WEBHOOK_DECLARED_IN_CONFIG' });
    expect((await service.target('yaml_ha'))?.secret).toBe(declared.secret);
  });

  it('refuses a YAML secret that is not whsec_ with 24 to 64 bytes', () => {
    expect(declaredWebhookSchema.safeParse({ name: 'x', url: 'http://h/', secret: 'plain' }).success).toBe(false);
    expect(declaredWebhookSchema.safeParse({ name: 'x', url: 'http://h/', secret: `whsec_${Buffer.alloc(8).toString('base64')}` }).success).toBe(false);
  });

  it('prunes delivered messages past the keeping time with their attempts, and keeps dead letters', async () => {
    const row = (id: string, state: string, at: string) => ({ id, endpointId: 'whk_x', eventType: 'webhook.test', body: '{}', state, attempts: 1, nextAttemptAt: null, claimedUntil: null, lastStatusCode: 200, lastError: null, createdAt: at, updatedAt: at });
    await webhookRepository.insertMessage(t.db.db, row('msg_old', 'DELIVERED', '2025-01-01T00:00:00.000Z'));
    await webhookRepository.insertMessage(t.db.db, row('msg_new', 'DELIVERED', '2025-05-30T00:00:00.000Z'));
    await webhookRepository.insertMessage(t.db.db, row('msg_dead', 'DEAD', '2025-01-01T00:00:00.000Z'));
    await webhookRepository.recordAttempt(t.db.db, { id: 'whd_old', messageId: 'msg_old', endpointId: 'whk_x', attempt: 1, at: '2025-01-01T00:00:00.000Z', statusCode: 200, error: null, durationMs: 3 }, { state: 'DELIVERED' });
    expect(await webhookRepository.pruneDelivered(t.db.db, '2025-05-01T00:00:00.000Z')).toBe(1);
    expect((await webhookRepository.messages(t.db.db, { endpointId: 'whk_x', limit: 10 })).map((m) => m.id).sort()).toEqual(['msg_dead', 'msg_new']);
    expect(await webhookRepository.deliveries(t.db.db, 'whk_x', 10)).toEqual([]);
  });

  it('REG-23-4: every endpoint made, changed, re-keyed or removed is a security alarm naming who, from where, and the target without its query', async () => {
    const created = await t.call('POST', '/api/webhooks', { url: 'https://soc.example.net/hooks/custos?token=abc123', description: 'SOC' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ endpoint: { id: string } }>().endpoint.id;
    expect((await t.call('PATCH', `/api/webhooks/${id}`, { eventTypes: ['alarm.raised'] })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/webhooks/${id}/rotate-secret`)).statusCode).toBe(200);
    expect((await t.call('DELETE', `/api/webhooks/${id}`)).statusCode).toBe(204);
    await t.services.security.settled();
    const alarms = (await t.services.alarms.list(t.admin.principal, { kind: 'EVENTS_OUT_CHANGED' })).filter((a) => a.subject === id);
    expect(alarms.map((a) => a.details.action).sort()).toEqual(['CREATED', 'REMOVED', 'SECRET_ROTATED', 'UPDATED']);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ category: 'SECURITY', article: '23(4)' });
      expect(alarm.details).toMatchObject({ target: 'https://soc.example.net/hooks/custos', actor: '测试员', actorUserId: t.admin.userId });
      expect(JSON.stringify(alarm.details)).not.toContain('abc123');
    }
    expect(alarms.find((a) => a.details.action === 'UPDATED')?.details.changed).toEqual(['eventTypes']);
  });
});
