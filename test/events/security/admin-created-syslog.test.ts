/**
 * REG-23-4: a new administrator (a grant of the ADMINISTRATOR role taking effect) is SEC_ADMIN_CREATED,
 * out to a real syslog listener (UDP and TCP) within 5 s, with actor, target and source address; a
 * grant over everything of another role is SEC_PRIVILEGE_ESCALATION; brute-force sign-in goes out too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRoleId } from '../../../src/access/built-in-roles.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { startSyslogOutput, type SyslogOutput } from '../../../src/events/security/syslog/syslog-subscriber.ts';
import { makeUser } from '../../support/access.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';
import { tcpListener, udpListener, type SyslogListener } from './syslog-listener.ts';

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|\[.*?[^\\]\]) \uFEFF(.*)$/su;

function sdParams(message: string): Record<string, string> {
  const sd = /\[custos@32473((?: [^=\s]+="(?:[^"\\]|\\.)*")*)\]/u.exec(message)?.[1] ?? '';
  const pairs = [...sd.matchAll(/ ([^=\s]+)="((?:[^"\\]|\\.)*)"/gu)].map((m): [string, string] => [m[1] ?? '', (m[2] ?? '').replace(/\\(["\\\]])/g, '$1')]);
  return Object.fromEntries(pairs);
}

describe.each(DIALECTS)('security events to syslog (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  let udp: SyslogListener;
  let tcp: Awaited<ReturnType<typeof tcpListener>>;
  const outputs: SyslogOutput[] = [];

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
    udp = await udpListener();
    tcp = await tcpListener();
    for (const [listener, protocol, format] of [
      [udp, 'udp', 'rfc5424'],
      [tcp, 'tcp', 'cef'],
    ] as const) {
      const config = loadConfig({ env: { CUSTOS_DATA_DIR: '.', CUSTOS_SYSLOG_HOST: '127.0.0.1', CUSTOS_SYSLOG_PORT: String(listener.port), CUSTOS_SYSLOG_PROTOCOL: protocol, CUSTOS_SYSLOG_FORMAT: format } });
      const output = startSyslogOutput(t.services.bus, config.events.syslog);
      if (!output) throw new Error('no syslog output');
      outputs.push(output);
    }
  });
  afterAll(async () => {
    for (const output of outputs) await output.stop();
    await udp.close();
    await tcp.close();
    await t.close();
  });

  it('REG-23-4: a new SYSTEM_ADMIN emits SEC_ADMIN_CREATED to the syslog mock within 5 s, with actor, target and source IP', async () => {
    const newcomer = await makeUser(t, { username: 'second_admin', unitId: world.A.unitId });
    const startedAt = Date.now();
    const granted = await t.call('POST', '/api/grants', { userId: newcomer.userId, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL', reason: 'second administrator of the system' });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json<{ status: string }>().status).toBe('ACTIVE');

    const message = await udp.waitFor((m) => m.includes('SEC_ADMIN_CREATED'), 5000);
    expect(Date.now() - startedAt).toBeLessThan(5000);
    const [, pri, timestamp, , app, , msgId] = RFC5424.exec(message) ?? [];
    expect(Number(pri)).toBe(10 * 8 + 6);
    expect(new Date(timestamp ?? '').toISOString()).toBe(timestamp);
    expect([app, msgId]).toEqual(['custos', 'SEC_ADMIN_CREATED']);
    expect(sdParams(message)).toMatchObject({ event: 'raised', kind: 'SEC_ADMIN_CREATED', category: 'SECURITY', article: '23(3)', actor: 'SYSTEM_BOOTSTRAP_WINDOW (tester)', target: 'second_admin', src: '127.0.0.1' });

    const cef = await tcp.waitFor((m) => m.includes('CEF:0|Custos|Custos VMS|') && m.includes('SEC_ADMIN_CREATED'), 5000);
    expect(cef).toMatch(/\|SEC_ADMIN_CREATED\|SEC_ADMIN_CREATED raised\|3\|/);
    expect(cef).toContain('duser=second_admin');
    expect(cef).toContain('src=127.0.0.1');
    expect(cef).toContain('cs1Label=article cs1=23(3)');

    const alarms = (await t.call('GET', '/api/alarms?kind=SEC_ADMIN_CREATED')).json<{ subject: string; details: Record<string, unknown> }[]>();
    expect(alarms.find((a) => a.subject === 'second_admin')).toMatchObject({ details: { actor: 'SYSTEM_BOOTSTRAP_WINDOW (tester)', sourceAddress: '127.0.0.1' } });
    // The first administrator, made at setup, was a new administrator too.
    expect(alarms.find((a) => a.subject === 'tester')).toMatchObject({ details: { actor: 'SYSTEM_SETUP', target: 'tester', sourceAddress: null } });
  });

  it('REG-23-4: an administrator approved by a second administrator names the approver; a grant over everything of another role is SEC_PRIVILEGE_ESCALATION', async () => {
    const approver = await makeUser(t, { username: 'approver_admin', grants: [{ role: 'ADMINISTRATOR' }] });
    const approverHeaders = await t.tokenHeaders(approver.userId);
    const third = await makeUser(t, { username: 'third_admin', unitId: world.A.unitId });
    const requested = await t.call('POST', '/api/grants', { userId: third.userId, roleId: builtInRoleId('ADMINISTRATOR'), scopeType: 'ALL', reason: 'third administrator' });
    expect(requested.json<{ status: string }>().status).toBe('PENDING');
    const grantId = requested.json<{ id: string }>().id;
    expect(udp.messages.some((m) => m.includes('target="third_admin"'))).toBe(false);
    const approved = await t.call('POST', `/api/grants/${grantId}/approve`, {}, approverHeaders);
    expect(approved.statusCode, approved.body).toBe(200);
    const message = await udp.waitFor((m) => m.includes('target="third_admin"'));
    expect(sdParams(message)).toMatchObject({ kind: 'SEC_ADMIN_CREATED', actor: 'approver_admin', src: '127.0.0.1' });

    const auditor = await makeUser(t, { username: 'wide_auditor', unitId: world.A.unitId });
    const wide = await t.call('POST', '/api/grants', { userId: auditor.userId, roleId: builtInRoleId('AUDITOR'), scopeType: 'ALL', reason: 'audit of every camera' });
    await t.call('POST', `/api/grants/${wide.json<{ id: string }>().id}/approve`, {}, approverHeaders);
    const escalation = await udp.waitFor((m) => m.includes('SEC_PRIVILEGE_ESCALATION'));
    expect(sdParams(escalation)).toMatchObject({ target: 'wide_auditor', actor: 'approver_admin', severity: 'WARNING' });

    const narrow = await makeUser(t, { username: 'narrow_operator', unitId: world.A.unitId });
    const scoped = await t.call('POST', '/api/grants', { userId: narrow.userId, roleId: builtInRoleId('MONITOR_OPERATOR'), scopeType: 'SITE', scopeId: world.A.siteId, reason: 'monitoring of site A' });
    await t.call('POST', `/api/grants/${scoped.json<{ id: string }>().id}/approve`, {}, approverHeaders);
    await t.services.security.settled();
    await outputs[0]?.flush();
    expect(udp.messages.some((m) => m.includes('narrow_operator'))).toBe(false);
  });

  it('REG-15-1: five bad passwords lock the name and SECURITY_BRUTE_FORCE goes to syslog with the account and the address, never the password', async () => {
    for (let i = 0; i < 5; i++) {
      const failed = await t.call('POST', '/api/auth/login', { username: 'tester', password: `wrong password number ${i}` }, { authorization: '' });
      expect(failed.statusCode).toBe(401);
    }
    const sixth = await t.call('POST', '/api/auth/login', { username: 'tester', password: t.admin.password }, { authorization: '' });
    expect(sixth.statusCode).toBe(423);
    const message = await udp.waitFor((m) => m.includes('SECURITY_BRUTE_FORCE'));
    expect(Number(RFC5424.exec(message)?.[1])).toBe(10 * 8 + 2);
    expect(sdParams(message)).toMatchObject({ kind: 'SECURITY_BRUTE_FORCE', target: 'tester', src: '127.0.0.1', severity: 'CRITICAL' });
    expect(message).not.toContain('wrong password');
    const cef = await tcp.waitFor((m) => m.includes('|SECURITY_BRUTE_FORCE|'));
    expect(cef).toContain('|9|');
    expect(tcp.messages).not.toContain('!BAD FRAME');
  });
});
