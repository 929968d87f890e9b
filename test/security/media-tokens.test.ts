/**
 * Issue 10, attacks 3, 4 and the media-token half of 5, over real HTTP: tokens that say what they are
 * for (live or playback), playback that ends at the request time, a basis that must exist, tokens
 * re-checked against their holder on every request, and tokens kept out of logs and URLs.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegisterEntryView } from '../../src/access/register/model.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';

const NOW = Date.parse('2025-05-01T03:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe.each(DIALECTS)('media tokens (%s)', (dialect) => {
  let env: VideoEnv;
  afterEach(async () => env?.close());

  const media = (url: string, token: string, how: 'header' | 'query' = 'header', headers: Record<string, string> = {}) =>
    env.t.app.inject({
      method: 'GET',
      url: how === 'query' ? `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : url,
      headers: { ...headers, ...(how === 'header' ? { 'x-media-token': token } : {}) },
    });
  const denials = async () => (await env.t.call('GET', '/api/register?kind=DENIAL')).json<{ entries: RegisterEntryView[] }>().entries;

  /** A unit's own role that may play back (24 h) but not watch live. */
  async function playbackOnlyRole(): Promise<string> {
    const copy = await env.t.call('POST', `/api/roles/${(await env.t.call('GET', '/api/roles')).json<{ id: string; key: string | null }[]>().find((r) => r.key === 'MONITOR_OPERATOR')!.id}/copy`, { unitId: env.unitId, name: '回放员' });
    expect(copy.statusCode, copy.body).toBe(201);
    const id = copy.json<{ id: string }>().id;
    const patched = await env.t.call('PATCH', `/api/roles/${id}`, { actions: ['PLAYBACK'], playbackDepthHours: 24 });
    expect(patched.statusCode, patched.body).toBe(200);
    return id;
  }

  it('REG-16-3: live video through PLAYBACK is refused: "now to now + 24 h" is clipped to now, the token opens neither live.mp4 nor a growing playlist, footage recorded later never appears', async () => {
    env = await openVideoEnv(dialect);
    const roleId = await playbackOnlyRole();
    const viewer = await env.user({ grants: [{ role: { roleId }, scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const call = env.as(viewer.headers);
    const before = await env.record(env.cams.C1, NOW - 10_000, 3);

    const opened = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: iso(NOW - 60_000), to: iso(NOW + 24 * HOUR), reason: REASON });
    expect(opened.statusCode, opened.body).toBe(200);
    const { token, registerEntryId } = opened.json<{ token: string; registerEntryId: string }>();
    const entry = (await env.t.call('GET', `/api/register/${registerEntryId}`)).json<RegisterEntryView>();
    expect(entry.content.ranges).toEqual([{ cameraId: env.cams.C1, from: iso(NOW - 60_000), to: iso(NOW) }]);

    for (const how of ['header', 'query'] as const) {
      const live = await media(`/api/media/live.mp4?cameraId=${env.cams.C1}`, token, how);
      expect(live.statusCode, live.body).toBe(403);
      expect(live.json()).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'KIND', kind: 'PLAYBACK' } });
    }
    const playlist = async () => (await media('/api/media/playlist.m3u8', token)).body;
    const first = await playlist();
    expect(first).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(first).toContain('#EXT-X-ENDLIST');
    expect(first.match(/#EXT-X-MAP:/g)).toHaveLength(before.length);

    // A minute later the recorder has closed segments from after the request: they stay out of reach.
    env.t.clock.set(iso(NOW + 60_000));
    const later = await env.record(env.cams.C1, NOW - 500, 2);
    expect(await playlist()).toBe(first);
    for (const segment of later) {
      const refused = await media(`/api/media/segments/${segment.id}`, token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'RANGE' } });
    }
    expect((await media(`/api/media/segments/${before[0]!.id}`, token)).statusCode).toBe(200);

    // A range wholly in the future is no playback at all: refused, and the refusal is in the register.
    const future = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: iso(NOW + HOUR), to: iso(NOW + 2 * HOUR), reason: REASON });
    expect(future.statusCode).toBe(403);
    expect(future.json()).toMatchObject({ code: 'E_PLAYBACK_IN_FUTURE', article: '16' });
    expect(future.json()).not.toHaveProperty('token');
    expect(await denials()).toMatchObject([{ operation: 'PLAYBACK', actor: { userId: viewer.userId }, content: { denied: { code: 'E_PLAYBACK_IN_FUTURE' } } }]);

    // The same role asking for live directly has no LIVE grant.
    expect((await call('POST', '/api/access/live', { cameraId: env.cams.C1, reason: REASON })).json()).toMatchObject({ code: 'E_ACTION_NOT_GRANTED' });
  });

  it('REG-16-3: a live token is for the live paths only: live.mp4 takes it, the playlist is open (EVENT), and a playback token never opens live.mp4', async () => {
    env = await openVideoEnv(dialect);
    const investigator = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const live = await env.as(investigator.headers)('POST', '/api/access/live', { cameraId: env.cams.C1, reason: REASON });
    expect(live.statusCode, live.body).toBe(200);
    const liveToken = live.json<{ token: string }>().token;
    // The token passes; this test server simply records nothing (no recorder), which is a different refusal.
    expect((await media('/api/media/live.mp4', liveToken)).json()).toMatchObject({ code: 'E_LIVE_UNAVAILABLE' });
    const playlist = await media('/api/media/playlist.m3u8', liveToken);
    expect(playlist.statusCode, playlist.body).toBe(200);
    expect(playlist.body).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');

    const playback = await env.as(investigator.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: iso(NOW - HOUR), to: iso(NOW), reason: REASON });
    expect((await media('/api/media/live.mp4', playback.json<{ token: string }>().token)).json()).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'KIND' } });
  });

  it('REG-16-4: an invented basis does not lift the playback depth: a hold, incident or request that does not exist, is released or closed, covers another camera or range, or is another person’s export request gets E_BASIS_INVALID and a DENIAL entry', async () => {
    env = await openVideoEnv(dialect);
    const o1 = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const investigator = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const from = iso(NOW - 72 * HOUR);
    const to = iso(NOW - 71 * HOUR);
    const play = (who: { headers: Record<string, string> }, basis: { type: string; ref: string }, cameraId = env.cams.C1) =>
      env.as(who.headers)('POST', '/api/access/playback', { cameraId, from, to, reason: REASON, basis });
    const refused = async (who: { headers: Record<string, string> }, basis: { type: string; ref: string }, cameraId?: string) => {
      const response = await play(who, basis, cameraId);
      expect(response.statusCode, `${basis.type} ${basis.ref}: ${response.body}`).toBe(403);
      expect(response.json()).toMatchObject({ code: 'E_BASIS_INVALID', article: '16', details: { type: basis.type, ref: basis.ref } });
      expect(response.json()).not.toHaveProperty('token');
    };

    // Invented references.
    await refused(o1, { type: 'INCIDENT', ref: 'INC-404' });
    await refused(o1, { type: 'HOLD', ref: 'hold_invented' });
    await refused(o1, { type: 'REQUEST', ref: 'REQ-404' });

    // A hold that exists but holds another camera; then one that holds C1, until it is released.
    const hold = async (cameraId: string) =>
      (await env.t.call('POST', '/api/retention/holds', { basisType: 'INCIDENT', citation: '公安机关调取通知书 2025-17', owner: '安保部', ranges: [{ cameraId, from: iso(NOW - 80 * HOUR), to: iso(NOW - 60 * HOUR) }] })).json<{ id: string }>().id;
    const otherCamera = await hold(env.cams.C7);
    await refused(o1, { type: 'HOLD', ref: otherCamera });
    const c1Hold = await hold(env.cams.C1);
    const held = await play(o1, { type: 'HOLD', ref: c1Hold });
    expect(held.statusCode, held.body).toBe(200);
    expect((await env.t.call('POST', `/api/retention/holds/${c1Hold}/release`, { reason: '案件已结' })).statusCode).toBe(200);
    await refused(o1, { type: 'HOLD', ref: c1Hold });

    // An incident whose footage link covers only part of the range; then a whole one, until it is closed.
    const link = async (fromMs: number, toMs: number, ref: string) =>
      (await env.t.call('POST', '/api/retention/purposes', { cameraId: env.cams.C1, from: iso(fromMs), to: iso(toMs), basisType: 'INCIDENT', ref })).json<{ id: string }>().id;
    await link(NOW - 72 * HOUR, NOW - 71.5 * HOUR, 'INC-8');
    await refused(o1, { type: 'INCIDENT', ref: 'INC-8' });
    const inc9 = await link(NOW - 73 * HOUR, NOW - 70 * HOUR, 'INC-9');
    expect((await play(o1, { type: 'INCIDENT', ref: 'INC-9' })).statusCode).toBe(200);
    await refused(o1, { type: 'INCIDENT', ref: 'INC-9' }, env.cams.C2);
    await refused(o1, { type: 'REQUEST', ref: 'INC-9' });
    expect((await env.t.call('POST', `/api/retention/purposes/${inc9}/close`)).statusCode).toBe(200);
    await refused(o1, { type: 'INCIDENT', ref: 'INC-9' });

    // An approved export request names its requester's (and its approver's) basis, for its cameras only.
    const request = await env.as(investigator.headers)('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: iso(NOW - 73 * HOUR), to: iso(NOW - 70 * HOUR), reason: REASON, basis: await env.holdBasis([env.cams.C1], iso(NOW - 73 * HOUR), iso(NOW - 70 * HOUR)) });
    const requestId = request.json<{ id: string }>().id;
    await refused(investigator, { type: 'REQUEST', ref: requestId });
    expect((await env.t.call('POST', `/api/export-requests/${requestId}/approve`, {})).statusCode).toBe(200);
    expect((await play(investigator, { type: 'REQUEST', ref: requestId })).statusCode).toBe(200);
    await refused(investigator, { type: 'REQUEST', ref: requestId }, env.cams.C2);
    await refused(o1, { type: 'REQUEST', ref: requestId });

    const invalid = (await denials()).filter((d) => d.content.denied?.code === 'E_BASIS_INVALID');
    expect(invalid).toHaveLength(12);
    expect(invalid.find((d) => d.basis?.ref === 'INC-404')).toMatchObject({ operation: 'PLAYBACK', actor: { userId: o1.userId }, content: { denied: { article: '16' } } });
  });

  it('REG-16-3: a media token stops working once its holder is deactivated or the grant revoked (403 E_MEDIA_TOKEN, one DENIAL entry each), not 15 minutes later', async () => {
    env = await openVideoEnv(dialect);
    const segments = await env.record(env.cams.C1, NOW - 20_000, 2);
    const open = async () => {
      const user = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
      const answer = await env.as(user.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: iso(NOW - HOUR), to: iso(NOW), reason: REASON });
      const token = answer.json<{ token: string }>().token;
      expect((await media(`/api/media/segments/${segments[0]!.id}`, token)).statusCode).toBe(200);
      return { ...user, token };
    };
    const deactivated = await open();
    const revoked = await open();
    const live = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const liveToken = (await env.as(live.headers)('POST', '/api/access/live', { cameraId: env.cams.C1, reason: REASON })).json<{ token: string }>().token;

    expect((await env.t.call('PATCH', `/api/users/${deactivated.userId}`, { active: false })).statusCode).toBe(200);
    expect((await env.t.call('PATCH', `/api/users/${live.userId}`, { active: false })).statusCode).toBe(200);
    const grant = await env.t.db.db.selectFrom('grants').select('id').where('userId', '=', revoked.userId).executeTakeFirstOrThrow();
    const revoking = await env.t.call('POST', `/api/grants/${grant.id}/revoke`, { reason: '岗位调整' });
    expect(revoking.statusCode, revoking.body).toBe(200);
    // A verdict is kept a few seconds per access (HLS fetches many segments); past that, the token is refused.
    env.t.clock.set(iso(NOW + 5000));

    const expectRefused = async (url: string, token: string, refusal: string) => {
      const response = await media(url, token);
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'REVOKED', refusal } });
    };
    for (const url of [`/api/media/segments/${segments[0]!.id}`, `/api/media/segments/${segments[1]!.id}`, '/api/media/playlist.m3u8', '/api/media/snapshot.jpg']) {
      await expectRefused(url, deactivated.token, 'E_USER_INACTIVE');
      await expectRefused(url, revoked.token, 'E_NO_CAMERA_PERMISSION');
    }
    await expectRefused('/api/media/live.mp4', liveToken, 'E_USER_INACTIVE');

    const recorded = (await denials()).map((d) => [d.actor.userId, d.operation, d.content.denied?.code]);
    expect(recorded).toHaveLength(3);
    expect(recorded).toEqual(
      expect.arrayContaining([
        [deactivated.userId, 'PLAYBACK', 'E_USER_INACTIVE'],
        [revoked.userId, 'PLAYBACK', 'E_NO_CAMERA_PERMISSION'],
        [live.userId, 'LIVE_ADHOC', 'E_USER_INACTIVE'],
      ]),
    );
  });

  it('the web player’s way: a token in the x-media-token header opens playlist, segments and snapshot, and the playlist names no token; only ?token= puts it in the URIs', async () => {
    env = await openVideoEnv(dialect);
    await env.record(env.cams.C1, NOW - 20_000, 2);
    const investigator = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const token = (await env.as(investigator.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: iso(NOW - HOUR), to: iso(NOW), reason: REASON })).json<{ token: string }>().token;
    const byHeader = await media('/api/media/playlist.m3u8', token);
    expect(byHeader.statusCode, byHeader.body).toBe(200);
    expect(byHeader.body).not.toContain('token=');
    expect(byHeader.body).not.toContain(token.split('.')[1]);
    const uri = /#EXT-X-MAP:URI="([^"]+)"/.exec(byHeader.body)![1]!;
    const segment = await media(`/api/media/${uri}`, token);
    expect(segment.statusCode).toBe(200);
    expect((await media(`/api/media/${uri}`, 'forged.token')).json()).toMatchObject({ code: 'E_MEDIA_TOKEN' });
    expect((await env.t.app.inject({ method: 'GET', url: `/api/media/${uri}` })).statusCode).toBe(403);

    const byQuery = await media('/api/media/playlist.m3u8', token, 'query');
    expect(byQuery.body).toContain(`?token=${encodeURIComponent(token)}`);
  });
});

describe('media tokens in the logs', () => {
  let env: VideoEnv;
  afterEach(async () => env?.close());

  it('a media token in ?token= or in x-media-token never appears in the request log; the path does', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    env = await openVideoEnv('sqlite', undefined, { logger: { level: 'info', stream } });
    const [segment] = await env.record(env.cams.C1, NOW - 20_000, 1);
    const investigator = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const token = (await env.as(investigator.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: iso(NOW - HOUR), to: iso(NOW), reason: REASON })).json<{ token: string }>().token;
    const signature = token.split('.')[1]!;

    for (const [url, headers] of [
      [`/api/media/playlist.m3u8?token=${encodeURIComponent(token)}&cameraId=${env.cams.C1}`, {}],
      [`/api/media/segments/${segment!.id}?token=${encodeURIComponent(token)}`, {}],
      [`/api/media/segments/${segment!.id}`, { 'x-media-token': token }],
      // Refused requests are logged too ("request refused").
      [`/api/media/live.mp4?token=${encodeURIComponent(token)}`, {}],
      [`/api/media/snapshot.jpg?token=${encodeURIComponent(token.slice(0, -2))}`, {}],
    ] as const) {
      await env.t.app.inject({ method: 'GET', url, headers });
    }
    const log = lines.join('');
    expect(log).toContain('/api/media/playlist.m3u8?[redacted]');
    expect(log).toContain(`/api/media/segments/${segment!.id}`);
    expect(log).toContain('request refused');
    expect(log).not.toContain(signature);
    expect(log).not.toContain(signature.slice(0, 16));
    expect(log).not.toContain(token.split('.')[0]!.slice(0, 24));
  });
});
