/**
 * REG-24-3: working an order: items closed with evidence (SHA-256 kept, files under the data folder),
 * the order closed with its last item, the overdue finding cleared by closure, every step in the
 * history, the report back to the organ; who may record and close (ADMINISTER over the order's sites);
 * the codes of bad input.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { created, siteBody, unitBody } from '../support/fixtures.ts';
import { makeUser } from '../support/access.ts';
import { readPdf } from '../support/pdf.ts';
import { at, getJson, orderBody, PHOTO, recordOrder, SCAN, type OrderJson } from './support.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const evidence = (bytes: Buffer, fileName = '备案回执.jpg') => ({ fileName, mediaType: 'image/jpeg', contentBase64: bytes.toString('base64') });

describe.each(DIALECTS)('corrective orders: evidence, closure, rights, bad input (%s)', (dialect) => {
  let t: TestApp;
  let A: { unitId: string; siteId: string };
  let B: { unitId: string; siteId: string };
  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-07-06T02:00:00Z' });
    const unitA = await created<{ id: string }>(t, '/api/units', unitBody({ name: 'A' }));
    const unitB = await created<{ id: string }>(t, '/api/units', unitBody({ name: 'B', uscc: null, unitType: 'INDIVIDUAL' }));
    A = { unitId: unitA.id, siteId: (await created<{ id: string }>(t, '/api/sites', siteBody(unitA.id, { name: 'A-系统' }))).id };
    B = { unitId: unitB.id, siteId: (await created<{ id: string }>(t, '/api/sites', siteBody(unitB.id, { name: 'B-系统' }))).id };
  });
  afterEach(async () => {
    await t?.close();
  });

  const close = (orderId: string, itemId: string, body: unknown, headers?: Record<string, string>) => t.call('POST', `/api/corrective-orders/${orderId}/items/${itemId}/close`, body, headers);
  const overdueFindings = async (instant: string) =>
    (await getJson<{ sites: { findings: { code: string }[] }[] }>(t, `/api/compliance?${at(instant)}`)).sites.flatMap((s) => s.findings).filter((f) => f.code === 'CORRECTIVE_ORDER_OVERDUE');

  it('REG-24-3: items closed with evidence keep each file’s SHA-256; the order closes with its last item; closing late clears the overdue finding from then on', async () => {
    const order = await recordOrder(t, orderBody(A.siteId));
    expect(order.scan!.sha256).toBe(sha256(SCAN));
    expect(readFileSync(path.join(t.dataDir, 'corrective-orders', order.id, order.scan!.id)).equals(SCAN)).toBe(true);
    const [first, second] = order.items;

    t.clock.set('2025-07-10T03:00:00Z');
    const afterFirst = await close(order.id, first!.id, { note: '已于7月10日向西湖区分局提交备案', documents: [evidence(PHOTO)] });
    expect(afterFirst.statusCode, afterFirst.body).toBe(200);
    const one = afterFirst.json<OrderJson>();
    expect(one.status).toBe('OPEN');
    const kept = one.items[0]!.evidence[0]!;
    expect(kept).toMatchObject({ sha256: sha256(PHOTO), bytes: PHOTO.length });
    expect(readFileSync(path.join(t.dataDir, 'corrective-orders', order.id, kept.id)).equals(PHOTO)).toBe(true);
    const download = await t.call('GET', `/api/corrective-orders/${order.id}/documents/${kept.id}`);
    expect(download.headers['x-sha256']).toBe(sha256(PHOTO));
    expect(download.rawPayload.equals(PHOTO)).toBe(true);
    // Evidence is not replaced: a closed item stays closed.
    expect((await close(order.id, first!.id, { note: '再次提交' })).json()).toMatchObject({ code: 'E_ORDER_ITEM_CLOSED' });
    // The second item (own due date 2025-07-15) is overdue at 2025-07-16 while the order is not yet.
    const on16 = await getJson<OrderJson>(t, `/api/corrective-orders/${order.id}?${at('2025-07-16T09:00:00+08:00')}`);
    expect(on16.items.map((i) => i.overdue)).toEqual([false, true]);
    expect(on16.deadline.overdue).toBe(false);

    // Overdue from 2025-07-21; closed late on 2025-07-22 at 10:00 Beijing time.
    expect(await overdueFindings('2025-07-21T00:00:00+08:00')).toHaveLength(1);
    t.clock.set('2025-07-22T02:00:00Z');
    const done = (await close(order.id, second!.id, { note: '标识已补拍', documents: [evidence(Buffer.from('second photo'), 'sign.jpg')] })).json<OrderJson>();
    expect(done).toMatchObject({ status: 'CLOSED', closedAt: '2025-07-22T02:00:00.000Z', closedLate: true });
    expect(done.deadline.overdue).toBe(false);
    expect(await overdueFindings('2025-07-22T10:00:00+08:00')).toEqual([]);
    expect(await overdueFindings('2025-07-22T09:59:00+08:00')).toHaveLength(1);
    const exposure = await getJson<{ rows: { triggerable: boolean }[] }>(t, '/api/compliance/exposure');
    expect(exposure.rows.some((r) => r.triggerable)).toBe(false);
    expect(await getJson<unknown[]>(t, '/api/corrective-orders/alerts')).toEqual([]);
    expect((await close(order.id, second!.id, { note: 'x' })).json()).toMatchObject({ code: 'E_ORDER_ITEM_CLOSED' });

    // Every step, with actor and time, in the hash-chained history.
    const history = await getJson<{ action: string; actor: string; at: string }[]>(t, `/api/corrective-orders/${order.id}/history`);
    expect(history.map((h) => [h.action, h.actor, h.at])).toEqual([
      ['RECORD', 'tester', '2025-07-06T02:00:00.000Z'],
      ['CLOSE_ITEM', 'tester', '2025-07-10T03:00:00.000Z'],
      ['CLOSE_ITEM', 'tester', '2025-07-22T02:00:00.000Z'],
      ['CLOSE', 'tester', '2025-07-22T02:00:00.000Z'],
    ]);
    expect((await getJson<{ ok: boolean }>(t, '/api/history/verify')).ok).toBe(true);

    // The report back to the organ lists the items and each piece of evidence by its SHA-256.
    const pdf = await t.call('GET', `/api/corrective-orders/${order.id}/report-back.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = readPdf(pdf.rawPayload);
    expect(text).toContain('杭公西(治)责改字〔2025〕001号');
    expect(text).toContain('2025-07-20');
    expect(text).toContain(sha256(PHOTO));
    expect(text).toContain(sha256(SCAN));
    expect(text).toContain('向县级公安机关办理备案');
  });

  it('REG-24-3: recording and closing need ADMINISTER over every site of the order: a site administrator of A cannot record on B nor see B’s orders; an operator cannot record', async () => {
    const siteAdmin = await makeUser(t, { unitId: A.unitId, grants: [{ role: 'ADMINISTRATOR', scope: { type: 'SITE', id: A.siteId } }] });
    const operator = await makeUser(t, { unitId: A.unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'UNIT', id: A.unitId } }] });
    const asAdmin = await t.tokenHeaders(siteAdmin.userId);
    const asOperator = await t.tokenHeaders(operator.userId);

    const onB = await t.call('POST', '/api/corrective-orders', orderBody(B.siteId), asAdmin);
    expect(onB.statusCode).toBe(403);
    expect(onB.json()).toMatchObject({ code: 'E_OUT_OF_SCOPE' });
    expect((await t.call('POST', '/api/corrective-orders', orderBody(A.siteId), asOperator)).statusCode).toBe(403);
    const own = await recordOrder(t, orderBody(A.siteId), asAdmin);
    const theirs = await recordOrder(t, orderBody(B.siteId, { reference: 'B-001' }));

    const listed = (await t.call('GET', '/api/corrective-orders', undefined, asAdmin)).json<{ id: string }[]>();
    expect(listed.map((o) => o.id)).toEqual([own.id]);
    expect((await t.call('GET', `/api/corrective-orders/${theirs.id}`, undefined, asAdmin)).statusCode).toBe(404);
    const closeTheirs = await close(theirs.id, theirs.items[0]!.id, { note: '越权' }, asAdmin);
    expect(closeTheirs.statusCode).toBe(404);
    expect(closeTheirs.json()).toMatchObject({ code: 'E_ORDER_NOT_FOUND' });
    // The operator sees the order of its unit but may not close it.
    expect((await t.call('GET', `/api/corrective-orders/${own.id}`, undefined, asOperator)).statusCode).toBe(200);
    expect((await close(own.id, own.items[0]!.id, { note: '操作员' }, asOperator)).statusCode).toBe(403);
    expect((await close(own.id, own.items[0]!.id, { note: '已整改' }, asAdmin)).statusCode).toBe(200);
    // An order over both units' sites is refused.
    expect((await t.call('POST', '/api/corrective-orders', orderBody(A.siteId, { reference: 'AB', siteIds: [A.siteId, B.siteId] }))).json()).toMatchObject({ code: 'E_ORDER_SITES_UNITS' });
    // The overdue finding of B’s order is not in A’s administrator’s report.
    const report = (await t.call('GET', `/api/compliance?${at('2025-07-21T00:00:00+08:00')}`, undefined, asAdmin)).json<{ sites: { siteId: string; findings: { code: string }[] }[] }>();
    expect(report.sites.map((s) => s.siteId)).toEqual([A.siteId]);
  });

  it('REG-24-3: bad input answers with its own code', async () => {
    const refuse = async (overrides: Record<string, unknown>, status: number, code: string) => {
      const response = await t.call('POST', '/api/corrective-orders', orderBody(A.siteId, overrides));
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json()).toMatchObject({ code });
    };
    await refuse({ limitDays: undefined }, 422, 'E_ORDER_LIMIT_REQUIRED');
    await refuse({ dueDate: '2025-07-20' }, 422, 'E_ORDER_LIMIT_AMBIGUOUS');
    await refuse({ limitDays: undefined, dueDate: '2025-07-01' }, 422, 'E_ORDER_DUE_BEFORE_ISSUE');
    await refuse({ issuedOn: '2025-07-07' }, 422, 'E_ORDER_ISSUED_IN_FUTURE');
    await refuse({ items: [{ text: 'x', dueDate: '2025-07-21' }] }, 422, 'E_ORDER_ITEM_DUE_AFTER_ORDER');
    await refuse({ items: [{ text: 'x', findings: [{ ruleId: 'REG-14-2', code: 'FILING_OVERDUE', subject: { type: 'site', id: B.siteId } }] }] }, 422, 'E_ORDER_FINDING_OUTSIDE');
    await refuse({ items: [{ text: 'x', tasks: [{ kind: 'FILING', id: 'fil_nothere' }] }] }, 422, 'E_ORDER_TASK_NOT_FOUND');
    await refuse({ articles: ['31'] }, 422, 'E_VALIDATION');
    await refuse({ items: [] }, 422, 'E_VALIDATION');
    await refuse({ siteIds: ['sit_nothere'] }, 404, 'E_NOT_FOUND');
    await refuse({ scan: { fileName: 'x.pdf', mediaType: 'application/pdf', contentBase64: '' } }, 422, 'E_VALIDATION');
    const first = await recordOrder(t, orderBody(A.siteId));
    await refuse({}, 409, 'E_ORDER_REFERENCE_TAKEN');
    // Nothing half-recorded: one order, and no files of refused orders.
    expect((await getJson<unknown[]>(t, '/api/corrective-orders')).length).toBe(1);
    const closeBad = await close(first.id, 'coi_nothere', { note: 'x' });
    expect(closeBad.json()).toMatchObject({ code: 'E_ORDER_ITEM_NOT_FOUND' });
    expect((await close(first.id, first.items[0]!.id, { note: '' })).statusCode).toBe(422);
  });
});
