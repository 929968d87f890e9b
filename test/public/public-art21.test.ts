/**
 * REG-21-1 from the sign's public page (arts. 13, 21): a request lands PENDING_CONSENT in the unit's
 * art. 21 workflow with the staff intake's deadline, marked PUBLIC_SIGN, site and place prefilled; the
 * person keeps a reference number that shows the status and dates only. Without an ID photo the ID is
 * shown at the counter, and consent waits until staff record it. Eligibility refusals carry the art. 21
 * service's codes; the form is rate-limited per address.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_FORM_LIMIT } from '../../src/http/public-rate-limit.ts';
import { answerDueAt } from '../../src/disclosure/art21/request-service.ts';
import { DEFAULT_ART21_POLICY } from '../../src/disclosure/art21/policy.ts';
import { DIALECTS } from '../support/db.ts';
import { makeUser } from '../support/access.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { created, unitBody } from '../support/fixtures.ts';
import { ID_PHOTO, publicIntakeBody, seedSignedSite, type SignedSite } from './public-support.ts';

const ANON = { authorization: '' };
const REFERENCE = /^A21-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const idDocument = { kind: 'IDENTITY', fileName: '身份证.jpg', mediaType: 'image/jpeg', contentBase64: ID_PHOTO.toString('base64') };

describe.each(DIALECTS)('art. 21 requests from the public page on %s', (dialect) => {
  let t: TestApp;
  let s: SignedSite;
  let address = 0;
  /** Each filing from its own address, so that the form's per-address limit does not decide these tests. */
  const file = (body: unknown, code = s.code) =>
    t.app.inject({ method: 'POST', url: `/api/public/signs/${code}/art21-requests`, payload: body as Record<string, unknown>, remoteAddress: `203.0.113.${++address}` });

  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-06-01T08:00:00Z' });
    s = await seedSignedSite(t);
  });
  afterEach(async () => t.close());

  it('REG-21-1: lands PENDING_CONSENT in the unit’s workflow with the staff deadline, PUBLIC_SIGN, site and place prefilled; staff see it', async () => {
    const response = await file(publicIntakeBody());
    expect(response.statusCode, response.body).toBe(201);
    const receipt = response.json();
    expect(receipt.reference).toMatch(REFERENCE);
    expect(receipt).toMatchObject({ status: 'PENDING_CONSENT', receivedAt: '2025-06-01T08:00:00.000Z', dueAt: answerDueAt(t.clock.now(), DEFAULT_ART21_POLICY), proofAtCounter: true });
    expect(Object.keys(receipt).sort()).toEqual(['dueAt', 'proofAtCounter', 'receivedAt', 'reference', 'status']);

    const list = (await t.call('GET', '/api/art21-requests?status=PENDING_CONSENT')).json<Record<string, unknown>[]>();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      unitId: s.unitId,
      siteId: s.siteId,
      status: 'PENDING_CONSENT',
      receivedVia: 'PUBLIC_SIGN',
      receivedBy: 'PUBLIC_SIGN',
      publicReference: receipt.reference,
      requester: { name: '王秀英', idType: 'RESIDENT_ID', idNumber: '110101198001011234', contact: 'wang@example.cn', employer: null },
      relationship: 'CLOSE_RELATIVE',
      relationshipSubtype: '父母',
      purpose: 'LIFE_HEALTH',
      incidentAt: '2025-06-01T07:00:00.000Z',
      incidentPlace: '商场B1 · 商场B1东门入口 · 东门外的台阶',
      dueAt: receipt.dueAt,
      documents: [],
    });
    // The same deadline a request taken in at the counter gets.
    const reminders = (await t.call('GET', '/api/art21-requests/reminders')).json();
    expect(reminders.answerDays).toBe(DEFAULT_ART21_POLICY.answerDays);
  });

  it('REG-21-1: an ineligible relationship or purpose is refused with the art. 21 codes; nothing lands', async () => {
    const cousin = await file(publicIntakeBody({ relationship: 'COUSIN', relationshipSubtype: undefined }));
    expect(cousin.statusCode).toBe(422);
    expect(cousin.json()).toMatchObject({ code: 'E_RELATIONSHIP_NOT_ELIGIBLE', article: '21' });
    const notRelative = await file(publicIntakeBody({ relationshipSubtype: '表兄弟' }));
    expect(notRelative.json().code).toBe('E_RELATIONSHIP_NOT_ELIGIBLE');
    const curiosity = await file(publicIntakeBody({ purpose: 'CURIOSITY' }));
    expect(curiosity.statusCode).toBe(422);
    expect(curiosity.json()).toMatchObject({ code: 'E_PURPOSE_NOT_ELIGIBLE', article: '21' });
    expect((await t.call('GET', '/api/art21-requests')).json()).toEqual([]);
    const unknown = await file(publicIntakeBody(), 'ABCDEFGHJK');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('E_SIGN_CODE_UNKNOWN');
  });

  it('the reference shows status and dates only, then the unit’s answer; consent waits for the ID shown at the counter', async () => {
    const { reference } = (await file(publicIntakeBody())).json<{ reference: string }>();
    const before = await t.call('GET', `/api/public/art21-requests/${reference.toLowerCase()}`, undefined, ANON);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ reference, status: 'PENDING_CONSENT', decidedAt: null, answer: null, proofAtCounter: true });
    const [request] = (await t.call('GET', '/api/art21-requests')).json<{ id: string }[]>();
    const id = request!.id;
    for (const secret of ['王秀英', '110101198001011234', 'wang@example.cn', '李小明', '孩子走失', id, s.unitId, s.siteId]) expect(before.body).not.toContain(secret);

    const scope = [{ cameraId: s.cameraIds[0], from: '2025-06-01T14:30:00+08:00', to: '2025-06-01T15:30:00+08:00' }];
    const early = await t.call('POST', `/api/art21-requests/${id}/decision`, { decision: 'APPROVED', scope });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'E_IDENTITY_PROOF_REQUIRED', article: '21' });

    const added = await t.call('POST', `/api/art21-requests/${id}/documents`, { document: idDocument });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().documents).toMatchObject([{ kind: 'IDENTITY', bytes: ID_PHOTO.length, sha256: createHash('sha256').update(ID_PHOTO).digest('hex') }]);
    const approved = await t.call('POST', `/api/art21-requests/${id}/decision`, { decision: 'APPROVED', scope, reason: '请于工作日到安保中心查阅' });
    expect(approved.statusCode, approved.body).toBe(200);

    const after = (await t.call('GET', `/api/public/art21-requests/${reference}`, undefined, ANON)).json();
    expect(after).toMatchObject({ reference, status: 'APPROVED', decidedAt: '2025-06-01T08:00:00.000Z', proofAtCounter: false });
    expect(after.answer.zh).toContain('请于工作日到安保中心查阅');
    expect(after.answer.en).toContain('consents');

    const unknown = await t.call('GET', '/api/public/art21-requests/A21-2222-2222-2222', undefined, ANON);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('E_REFERENCE_UNKNOWN');
    expect((await t.call('GET', `/api/public/art21-requests/${id}`, undefined, ANON)).statusCode).toBe(404);
  });

  it('an ID photo from the phone is stored with its hash, and the request needs no counter proof', async () => {
    const response = await file(publicIntakeBody({ document: idDocument }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().proofAtCounter).toBe(false);
    const [request] = (await t.call('GET', '/api/art21-requests')).json<{ id: string; documents: { id: string; sha256: string }[] }[]>();
    expect(request!.documents).toHaveLength(1);
    const bytes = await t.call('GET', `/api/art21-requests/${request!.id}/documents/${request!.documents[0]!.id}`);
    expect(bytes.rawPayload.equals(ID_PHOTO)).toBe(true);
    const tooBig = await file(publicIntakeBody({ document: { ...idDocument, contentBase64: Buffer.alloc(600 * 1024).toString('base64') } }));
    expect(tooBig.statusCode).toBeGreaterThanOrEqual(400);
    expect(tooBig.statusCode).toBeLessThan(500);
  });

  it('staff add a document only to a request of a unit in their reach', async () => {
    const { reference } = (await file(publicIntakeBody())).json();
    expect(reference).toMatch(REFERENCE);
    const [request] = (await t.call('GET', '/api/art21-requests')).json<{ id: string }[]>();
    const other = await created<{ id: string }>(t, '/api/units', unitBody({ name: '另一单位', uscc: null, unitType: 'INDIVIDUAL' }));
    const stranger = await makeUser(t, { unitId: other.id, grants: [{ role: 'INVESTIGATOR', scope: { type: 'UNIT', id: other.id } }] });
    const refused = await t.call('POST', `/api/art21-requests/${request!.id}/documents`, { document: idDocument }, await t.tokenHeaders(stranger.userId));
    expect(refused.statusCode).toBe(404);
    expect((await t.call('GET', `/api/art21-requests/${request!.id}`)).json().documents).toEqual([]);
  });

  it(`refuses the ${PUBLIC_FORM_LIMIT.max + 1}th filing from one address with 429 E_RATE_LIMITED`, async () => {
    const post = () => t.app.inject({ method: 'POST', url: `/api/public/signs/${s.code}/art21-requests`, payload: publicIntakeBody({ purpose: 'CURIOSITY' }), remoteAddress: '198.51.100.77' });
    for (let i = 0; i < PUBLIC_FORM_LIMIT.max; i++) expect((await post()).statusCode).toBe(422);
    const refused = await post();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('E_RATE_LIMITED');
  });
});
