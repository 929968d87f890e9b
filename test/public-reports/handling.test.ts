/**
 * REG-24-2 on the unit's side: reports are seen within reach over their site and handled with ADMINISTER
 * over it; the reporter's contact only for handlers; steps recorded with actor and time, in order, never
 * changed; the first-action SLA raises PUBLIC_REPORT_SLA_BREACHED at the due time and ends at the first action.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { filed, openReportsWorld, PNG, reportBody, type ReportsWorld } from './support.ts';

interface Report {
  id: string;
  status: string;
  handler: boolean;
  contact: { name: string | null; phone: string | null } | null;
  firstActionAt: string | null;
  overdue: boolean;
  outcome: string | null;
  cameraId: string | null;
  photos: { id: string; kind: string }[];
  steps: { seq: number; action: string; status: string; actorName: string; at: string; note: string | null; photoId: string | null }[];
}

describe.each(DIALECTS)('public reports: handling by the unit (%s)', (dialect) => {
  let w: ReportsWorld;
  beforeEach(async () => {
    // 2025-06-01T09:00+08:00, REG-24-2's acceptance example.
    w = await openReportsWorld(dialect, '2025-06-01T01:00:00Z');
  });
  afterEach(async () => {
    await w?.close();
  });

  it('REG-24-2: a staff member of another site neither sees nor handles the report; an operator of the site sees it without the contact and cannot handle it', async () => {
    const { id } = await filed(w, w.A.code);
    const B = w.as(w.handlerB);
    expect((await B('GET', '/api/public-reports')).json<unknown[]>()).toEqual([]);
    expect((await B('GET', `/api/public-reports/${id}`)).statusCode).toBe(404);
    const refused = await B('POST', `/api/public-reports/${id}/acknowledge`, {});
    expect(refused.statusCode).toBe(404);
    expect((await B('POST', `/api/public-reports/${id}/forward`, { channel: 'HAND_DELIVERY' })).statusCode).toBe(404);

    const operator = w.as(w.operatorA);
    const seen = (await operator('GET', `/api/public-reports/${id}`)).json<Report>();
    expect(seen).toMatchObject({ handler: false, contact: null, status: 'RECEIVED' });
    expect(JSON.stringify(seen)).not.toContain('13800138000');
    expect((await operator('POST', `/api/public-reports/${id}/acknowledge`, {})).statusCode).toBe(403);
    const photo = seen.photos[0]!.id;
    expect((await operator('GET', `/api/public-reports/${id}/photos/${photo}`)).statusCode).toBe(403);

    const handler = (await w.as(w.handlerA)('GET', `/api/public-reports/${id}`)).json<Report>();
    expect(handler).toMatchObject({ handler: true, contact: { name: '刘女士', phone: '13800138000' } });
    expect((await B('GET', `/api/public-reports/${id}/photos/${photo}`)).statusCode).toBe(404);
  });

  it('REG-24-2: RECEIVED → ACKNOWLEDGED → INVESTIGATING → camera linked → RESOLVED with an evidence photo, each step with actor and time; a step out of order is refused', async () => {
    const { id } = await filed(w, w.A.code);
    const A = w.as(w.handlerA);
    w.t.clock.set('2025-06-01T02:00:00Z');
    expect((await A('POST', `/api/public-reports/${id}/acknowledge`, { note: '已受理' })).json<Report>()).toMatchObject({ status: 'ACKNOWLEDGED', firstActionAt: '2025-06-01T02:00:00.000Z' });
    expect((await A('POST', `/api/public-reports/${id}/acknowledge`, {})).json()).toMatchObject({ code: 'E_REPORT_STEP_NOT_ALLOWED' });
    w.t.clock.set('2025-06-01T03:00:00Z');
    await A('POST', `/api/public-reports/${id}/investigate`, { note: '安保人员到场检查' });
    expect((await A('POST', `/api/public-reports/${id}/camera`, { cameraId: w.B.cameraId })).json()).toMatchObject({ code: 'E_REPORT_CAMERA_NOT_OF_SITE' });
    await A('POST', `/api/public-reports/${id}/camera`, { cameraId: w.A.cameraId, note: '确认为本单位 A1 摄像机' });
    w.t.clock.set('2025-06-01T04:00:00Z');
    const noNote = await A('POST', `/api/public-reports/${id}/resolve`, { outcome: 'CAMERA_REMOVED' });
    expect(noNote.statusCode).toBe(422);
    const resolved = (await A('POST', `/api/public-reports/${id}/resolve`, { outcome: 'CAMERA_REMOVED', note: '设备已拆除', evidencePhoto: { contentBase64: PNG.toString('base64') } })).json<Report>();
    expect(resolved).toMatchObject({ status: 'RESOLVED', outcome: 'CAMERA_REMOVED', cameraId: w.A.cameraId });
    expect(resolved.steps.map((s) => [s.seq, s.action, s.status, s.actorName, s.at])).toEqual([
      [1, 'RECEIVE', 'RECEIVED', '公众举报人 / member of the public', '2025-06-01T01:00:00.000Z'],
      [2, 'ACKNOWLEDGE', 'ACKNOWLEDGED', '张主管', '2025-06-01T02:00:00.000Z'],
      [3, 'INVESTIGATE', 'INVESTIGATING', '张主管', '2025-06-01T03:00:00.000Z'],
      [4, 'LINK_CAMERA', 'INVESTIGATING', '张主管', '2025-06-01T03:00:00.000Z'],
      [5, 'RESOLVE', 'RESOLVED', '张主管', '2025-06-01T04:00:00.000Z'],
    ]);
    const evidence = resolved.photos.find((p) => p.kind === 'EVIDENCE');
    expect(resolved.steps[4]!.photoId).toBe(evidence!.id);
    expect((await A('POST', `/api/public-reports/${id}/investigate`, {})).json()).toMatchObject({ code: 'E_REPORT_STEP_NOT_ALLOWED' });
    // The steps are also in the administration history's hash chain.
    const history = await w.t.db.db.selectFrom('history').select(['action', 'actor']).where('entityType', '=', 'publicReport').where('entityId', '=', id).orderBy('seq').execute();
    expect(history.map((h) => h.action)).toEqual(['RECEIVE', 'ACKNOWLEDGE', 'INVESTIGATE', 'LINK_CAMERA', 'RESOLVE']);
    // The reporter sees the progress by reference, nothing more.
    const ref = resolved as unknown as { reference: string };
    expect((await w.t.call('GET', `/api/public/reports/${ref.reference}`, undefined, { authorization: '' })).json()).toMatchObject({ status: 'RESOLVED', resolvedAt: '2025-06-01T04:00:00.000Z', firstActionAt: '2025-06-01T02:00:00.000Z' });
  });

  it('REG-24-2: an ART8_1 report at 2025-06-01T09:00+08 with no first action raises PUBLIC_REPORT_SLA_BREACHED at 2025-06-02T09:00+08, not a second before; the first action ends it', async () => {
    const { id } = await filed(w, w.A.code);
    const { handling } = w.t.services.publicReports;
    const breached = () => w.t.services.alarms.list(w.t.admin.principal, { kind: 'PUBLIC_REPORT_SLA_BREACHED' });
    w.t.clock.set('2025-06-02T00:59:59Z');
    expect(await handling.checkSla()).toBe(0);
    expect(await breached()).toEqual([]);
    expect((await w.as(w.handlerA)('GET', `/api/public-reports/${id}`)).json<Report>().overdue).toBe(false);
    w.t.clock.set('2025-06-02T01:00:00Z');
    expect(await handling.checkSla()).toBe(1);
    await handling.checkSla();
    const [alarm, ...more] = await breached();
    expect(more).toEqual([]);
    expect(alarm).toMatchObject({ category: 'COMPLIANCE', article: '24', subject: id, startedAt: '2025-06-02T01:00:00.000Z', endedAt: null, details: { violationType: 'ART8_1' } });
    expect((await w.as(w.handlerA)('GET', `/api/public-reports/${id}`)).json<Report>().overdue).toBe(true);
    w.t.clock.set('2025-06-02T03:00:00Z');
    await w.as(w.handlerA)('POST', `/api/public-reports/${id}/investigate`, {});
    expect((await breached())[0]).toMatchObject({ endedAt: '2025-06-02T03:00:00.000Z' });
    expect(await handling.checkSla()).toBe(0);
  });

  it('a report acted on in time never breaches; the configured first-action time applies', async () => {
    const { id } = await filed(w, w.A.code, reportBody({ photos: [] }));
    w.t.clock.set('2025-06-01T20:00:00Z');
    await w.as(w.handlerA)('POST', `/api/public-reports/${id}/acknowledge`, {});
    w.t.clock.set('2025-06-05T00:00:00Z');
    expect(await w.t.services.publicReports.handling.checkSla()).toBe(0);
    expect((await w.t.call('GET', '/api/public-reports/policy')).json()).toEqual({ firstActionHours: 24 });
  });
});
