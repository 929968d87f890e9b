/** The HLS playlist, byte ranges and coverage over the real API: only for a token that covers them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';

const T0 = Date.parse('2025-05-01T02:00:00Z');

describe('viewing: playlist, byte ranges, coverage', () => {
  let env: VideoEnv;
  beforeEach(async () => {
    env = await openVideoEnv('sqlite');
  });
  afterEach(async () => env.close());

  async function opened() {
    const rows = [...(await env.record(env.cams.C1, T0, 3)), ...(await env.record(env.cams.C1, T0 + 60_000, 2))];
    const investigator = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const call = env.as(investigator.headers);
    const answer = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: new Date(T0).toISOString(), to: new Date(T0 + 120_000).toISOString(), reason: REASON });
    expect(answer.statusCode, answer.body).toBe(200);
    return { rows, call, token: answer.json<{ token: string }>().token };
  }

  it('serves a VOD playlist of byte ranges whose ranges fetch as 206', async () => {
    const { rows, token } = await opened();
    const playlist = await env.t.app.inject({ method: 'GET', url: `/api/media/playlist.m3u8?token=${encodeURIComponent(token)}` });
    expect(playlist.statusCode, playlist.body).toBe(200);
    expect(playlist.headers['content-type']).toContain('mpegurl');
    const text = playlist.body;
    expect(text.match(/#EXT-X-MAP:/g)).toHaveLength(5);
    expect(text).toContain('#EXT-X-ENDLIST');
    expect(text).toContain(`#EXT-X-PROGRAM-DATE-TIME:${new Date(T0 + 60_000).toISOString()}`);
    expect(text).toMatch(/# gap \(no recording\)/);
    const map = /#EXT-X-MAP:URI="([^"]+)",BYTERANGE="(\d+)@0"/.exec(text);
    expect(map).not.toBeNull();
    const [, uri, initLength] = map!;
    const whole = await env.t.app.inject({ method: 'GET', url: `/api/media/${uri}` });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.length).toBe(rows[0]!.bytes);
    const init = await env.t.app.inject({ method: 'GET', url: `/api/media/${uri}`, headers: { range: `bytes=0-${Number(initLength) - 1}` } });
    expect(init.statusCode).toBe(206);
    expect(init.headers['content-range']).toBe(`bytes 0-${Number(initLength) - 1}/${rows[0]!.bytes}`);
    expect(init.rawPayload.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(init.rawPayload.equals(whole.rawPayload.subarray(0, Number(initLength)))).toBe(true);
    const media = await env.t.app.inject({ method: 'GET', url: `/api/media/${uri}`, headers: { range: `bytes=${initLength}-` } });
    expect(media.statusCode).toBe(206);
    expect(media.rawPayload.subarray(4, 8).toString('latin1')).toBe('moof');
    const beyond = await env.t.app.inject({ method: 'GET', url: `/api/media/${uri}`, headers: { range: `bytes=${rows[0]!.bytes}-` } });
    expect(beyond.statusCode).toBe(416);
  });

  it('refuses the playlist and its segments once the token has expired, or without one', async () => {
    const { token } = await opened();
    const text = (await env.t.app.inject({ method: 'GET', url: `/api/media/playlist.m3u8?token=${encodeURIComponent(token)}` })).body;
    const uri = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)![1]!;
    env.t.clock.set(new Date(env.t.clock.now().getTime() + 16 * 60_000));
    for (const url of [`/api/media/playlist.m3u8?token=${encodeURIComponent(token)}`, `/api/media/${uri}`, '/api/media/playlist.m3u8']) {
      const refused = await env.t.app.inject({ method: 'GET', url, headers: { range: 'bytes=0-10' } });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code).toBe('E_MEDIA_TOKEN');
    }
  });

  it('draws coverage as merged ranges for a user with playback rights on the camera only', async () => {
    const { call } = await opened();
    const q = `from=${new Date(T0 - 3600_000).toISOString()}&to=${new Date(T0 + 3600_000).toISOString()}`;
    const coverage = await call('GET', `/api/cameras/${env.cams.C1}/coverage?${q}`);
    expect(coverage.statusCode, coverage.body).toBe(200);
    expect(coverage.json().ranges).toEqual([
      { from: new Date(T0).toISOString(), to: new Date(T0 + 3000).toISOString() },
      { from: new Date(T0 + 60_000).toISOString(), to: new Date(T0 + 62_000).toISOString() },
    ]);
    const operator = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G2 } }] });
    expect((await env.as(operator.headers)('GET', `/api/cameras/${env.cams.C1}/coverage?${q}`)).statusCode).toBe(403);
  });
});
