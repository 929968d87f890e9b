/** The playback calendar's recorded days over the real API: days of the asked time zone, PLAYBACK rights on the camera. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVideoEnv, type VideoEnv } from '../access/video-access-support.ts';
import { DIALECTS } from '../support/db.ts';

describe.each(DIALECTS)('viewing: recorded days of a month (%s)', (dialect) => {
  let env: VideoEnv;
  beforeEach(async () => {
    env = await openVideoEnv(dialect);
  });
  afterEach(async () => {
    await env?.close();
  });

  it('lists the days with footage in the asked zone, only for a user with playback rights on the camera', async () => {
    // 2025-05-01 10:00 in Shanghai, and 2025-05-03 16:30 UTC, which is already 2025-05-04 in Shanghai.
    await env.record(env.cams.C1, Date.parse('2025-05-01T02:00:00Z'), 2);
    await env.record(env.cams.C1, Date.parse('2025-05-03T16:30:00Z'), 2);
    await env.record(env.cams.C2, Date.parse('2025-05-10T02:00:00Z'), 2);
    const investigator = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'SITE', id: env.siteId } }] });
    const call = env.as(investigator.headers);

    const shanghai = await call('GET', `/api/cameras/${env.cams.C1}/recorded-days?month=2025-05`);
    expect(shanghai.statusCode, shanghai.body).toBe(200);
    expect(shanghai.json()).toEqual({ month: '2025-05', timeZone: 'Asia/Shanghai', days: ['2025-05-01', '2025-05-04'] });
    const utc = await call('GET', `/api/cameras/${env.cams.C1}/recorded-days?month=2025-05&timeZone=UTC`);
    expect(utc.json().days).toEqual(['2025-05-01', '2025-05-03']);
    expect((await call('GET', `/api/cameras/${env.cams.C1}/recorded-days?month=2025-06`)).json().days).toEqual([]);

    const badZone = await call('GET', `/api/cameras/${env.cams.C1}/recorded-days?month=2025-05&timeZone=Mars/Olympus`);
    expect(badZone.statusCode).toBe(422);
    expect(badZone.json().code).toBe('E_TIME_ZONE_INVALID');
    expect((await call('GET', `/api/cameras/${env.cams.C1}/recorded-days?month=2025-13`)).statusCode).toBe(422);

    const operator = await env.user({ grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G2 } }] });
    expect((await env.as(operator.headers)('GET', `/api/cameras/${env.cams.C1}/recorded-days?month=2025-05`)).statusCode).toBe(403);
  });
});
