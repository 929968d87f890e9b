/**
 * Two API processes of one cluster behind a load balancer answer as one: sessions, sign-in throttling,
 * the TOTP replay guard, media tokens and the public forms' rate limit hold across both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentsRoot, LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { SegmentWriter } from '../../src/recording/segment-writer.ts';
import { syntheticFragment, syntheticInit } from '../recording/support/fmp4.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';
import { REASON } from '../access/video-access-support.ts';
import { openPair, pgUrl, type Pair } from './stateless-support.ts';

const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

describe.skipIf(!pgUrl())('stateless API processes on one PostgreSQL', () => {
  let pair: Pair;
  let unitId: string;
  beforeAll(async () => {
    pair = await openPair('2025-05-01T03:00:00Z');
    unitId = (await created<{ id: string }>({ call: pair.a.call } as never, '/api/units', unitBody())).id;
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('a session opened on A serves on B, and signed out on B it is refused on A at once', async () => {
    const { a, b } = pair;
    const signedIn = await pair.signIn(a, pair.admin.username, pair.admin.password);
    expect(signedIn.response.statusCode, signedIn.response.body).toBe(200);
    expect((await b.call('GET', '/api/auth/session', undefined, signedIn.headers)).statusCode).toBe(200);
    expect((await b.call('POST', '/api/auth/logout', undefined, signedIn.headers)).statusCode).toBeLessThan(300);
    const after = await a.call('GET', '/api/auth/session', undefined, signedIn.headers);
    expect(after.statusCode).toBe(401);
  });

  it('a lock-out earned on A is answered on B with the same code and Retry-After, for an unknown name as for any', async () => {
    const { a, b } = pair;
    for (let i = 0; i < 5; i++) {
      const failed = await a.call('POST', '/api/auth/login', { username: 'ghost', password: 'wrong password' }, { authorization: '' });
      expect(failed.json()).toMatchObject({ code: 'E_BAD_CREDENTIALS' });
    }
    const onB = await b.call('POST', '/api/auth/login', { username: 'GHOST', password: 'wrong password' }, { authorization: '' });
    expect(onB.statusCode).toBe(423);
    expect(onB.json()).toMatchObject({ code: 'E_ACCOUNT_LOCKED' });
    expect(Number(onB.headers['retry-after'])).toBeGreaterThan(0);
    const onA = await a.call('POST', '/api/auth/login', { username: 'ghost', password: 'wrong password' }, { authorization: '' });
    expect(onA.json()).toMatchObject({ code: 'E_ACCOUNT_LOCKED' });
    // The lock binds the pair only: another name from the same address still gets its own answer.
    const other = await b.call('POST', '/api/auth/login', { username: 'someone-else', password: 'wrong password' }, { authorization: '' });
    expect(other.json()).toMatchObject({ code: 'E_BAD_CREDENTIALS' });
  });

  it('an administrator’s unlock on B ends a lock earned on A', async () => {
    const { a, b, clock } = pair;
    // Past the address's burst window (10 failures a minute) that the tests above used up.
    clock.set(new Date(clock.now().getTime() + 120_000));
    const user = await created<{ id: string; username: string }>(
      { call: a.call } as never,
      '/api/users',
      { username: 'locky', displayName: '锁定测试', password: 'another horse battery staple 2025', unitId },
    );
    for (let i = 0; i < 5; i++) await a.call('POST', '/api/auth/login', { username: 'locky', password: 'wrong password' }, { authorization: '' });
    expect((await b.call('POST', '/api/auth/login', { username: 'locky', password: 'another horse battery staple 2025' }, { authorization: '' })).json()).toMatchObject({ code: 'E_ACCOUNT_LOCKED' });
    expect((await b.call('POST', `/api/users/${user.id}/unlock`, {})).statusCode).toBe(200);
    const after = await a.call('POST', '/api/auth/login', { username: 'locky', password: 'another horse battery staple 2025' }, { authorization: '' });
    expect(after.statusCode, after.body).toBe(200);
  });

  it('a TOTP code used to sign in on A is refused on B (each code once, across processes)', async () => {
    const { a, b, clock } = pair;
    // Past the address's burst window (10 failures a minute) that the tests above used up.
    clock.set(new Date(clock.now().getTime() + 120_000));
    const user = await created<{ id: string }>({ call: a.call } as never, '/api/users', { username: 'otp-user', displayName: '动态码', password: 'third horse battery staple 2025', unitId });
    const { secret } = await a.services.totp.enroll(user.id);
    await a.services.totp.confirm(user.id, { code: codeAt(secret, clock.now()) }, { name: 'tester' });
    clock.set(new Date(clock.now().getTime() + 30_000));
    const code = codeAt(secret, clock.now());
    const first = await pair.signIn(a, 'otp-user', 'third horse battery staple 2025', code);
    expect(first.response.statusCode, first.response.body).toBe(200);
    const replay = await pair.signIn(b, 'otp-user', 'third horse battery staple 2025', code);
    expect(replay.response.json()).toMatchObject({ code: 'E_TOTP_INVALID' });
  });

  it('a media token minted on A plays on B (the key shared in <dataDir>/keys)', async () => {
    const { a, b } = pair;
    const site = await created<{ id: string }>({ call: a.call } as never, '/api/sites', siteBody(unitId));
    const camera = await created<{ id: string }>({ call: a.call } as never, '/api/cameras', cameraBody(site.id, unitId, { name: 'C1' }));
    const store = new LocalSegmentStore(segmentsRoot(pair.dataDir));
    const rows: { path: string }[] = [];
    const writer = new SegmentWriter({ db: a.db.db, store, cameraId: camera.id, clock: pair.clock, onSegment: (row) => rows.push(row) });
    const from = Date.parse('2025-05-01T02:00:00Z');
    await writer.open(syntheticInit());
    await writer.append(syntheticFragment(1, 10), { startMs: from, endMs: from + 1000, frames: 10, keyframe: true });
    await writer.close();
    const opened = await a.call('POST', '/api/access/playback', { cameraId: camera.id, from: '2025-05-01T01:59:00Z', to: '2025-05-01T02:01:00Z', reason: REASON });
    expect(opened.statusCode, opened.body).toBe(200);
    const [segment] = opened.json<{ segments: { url: string }[] }>().segments;
    const played = await b.call('GET', segment!.url, undefined, { authorization: '' });
    expect(played.statusCode, played.body).toBe(200);
    expect(played.rawPayload.equals(readFileSync(path.join(segmentsRoot(pair.dataDir), rows[0]!.path)))).toBe(true);
  });

  it('the public form’s rate limit counts one address’s submissions on both processes together', async () => {
    const { a, b } = pair;
    const submit = (node: typeof a) => node.call('POST', '/api/public/signs/NOSUCHSIGN/reports', {}, { authorization: '' });
    const answers = [];
    for (const node of [a, b, a, b, a]) answers.push((await submit(node)).statusCode);
    expect(answers).not.toContain(429);
    const sixth = await submit(b);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ code: 'E_RATE_LIMITED', details: { limit: 5 } });
    expect((await submit(a)).statusCode).toBe(429);
  });
});
