/**
 * A request for video refused at the route gate — every grant suspended or revoked, or none ever held —
 * is still a DENIAL entry in the register with what was asked for (REG-16-3), not only a 403.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterEntryView } from '../../src/access/register/model.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';

const T10 = '2025-05-01T10:00:00+08:00';
const T1030 = '2025-05-01T10:30:00+08:00';

describe.each(DIALECTS)('refusals at the gate are in the register (%s)', (dialect) => {
  let env: VideoEnv;
  beforeEach(async () => {
    env = await openVideoEnv(dialect);
  });
  afterEach(async () => {
    await env?.close();
  });

  const denials = async () => (await env.t.call('GET', '/api/register?kind=DENIAL')).json<{ entries: RegisterEntryView[] }>().entries;

  it('REG-16-3: playback after the only grant was revoked is refused at the gate and leaves a DENIAL entry naming the camera and range', async () => {
    const operator = await env.user({ grants: [{ role: 'MONITOR_OPERATOR' }] });
    const grant = (await env.t.call('GET', `/api/grants?userId=${operator.userId}`)).json<{ id: string }[]>()[0]!;
    expect((await env.t.call('POST', `/api/grants/${grant.id}/revoke`, { reason: '岗位调整,停止授权' })).statusCode).toBe(200);
    const refused = await env.as(operator.headers)('POST', '/api/access/playback', { cameraId: env.cams.C1, from: T10, to: T1030, reason: REASON });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('E_ACTION_NOT_GRANTED');
    expect(await denials()).toMatchObject([
      { kind: 'DENIAL', operation: 'PLAYBACK', cameraIds: [env.cams.C1], actor: { userId: operator.userId }, content: { denied: { code: 'E_ACTION_NOT_GRANTED' }, ranges: [{ cameraId: env.cams.C1, from: T10, to: T1030 }] } },
    ]);
  });

  it('REG-16-3: live view and an export request by an account holding no video grant leave one DENIAL entry each', async () => {
    const auditor = await env.user({ grants: [{ role: 'AUDITOR' }] });
    const call = env.as(auditor.headers);
    expect((await call('POST', '/api/access/live', { cameraId: env.cams.C2, reason: REASON })).json().code).toBe('E_ACTION_NOT_GRANTED');
    expect((await call('POST', '/api/export-requests', { cameraIds: [env.cams.C7], from: T10, to: T1030, reason: REASON })).statusCode).toBe(403);
    const entries = await denials();
    expect(entries.map((e) => [e.operation, e.cameraIds])).toEqual(
      expect.arrayContaining([
        ['LIVE_ADHOC', [env.cams.C2]],
        ['EXPORT', [env.cams.C7]],
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('a refusal that is not about video (an auditor calling an administration route) writes nothing to the register', async () => {
    const auditor = await env.user({ grants: [{ role: 'AUDITOR' }] });
    expect((await env.as(auditor.headers)('POST', '/api/units', {})).statusCode).toBe(403);
    expect(await denials()).toEqual([]);
  });
});
