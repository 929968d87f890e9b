/**
 * The sign's public page (arts. 13, 21, 24): anyone with the code learns who runs the cameras and why,
 * how long footage is kept, the filing and the county public security organ, the ledger's key and latest
 * checkpoint; never a person's name or phone, never camera ids, addresses of streams or video. Unknown
 * codes and inactive sites answer 404; the reads are rate-limited per address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_READ_LIMIT } from '../../src/http/public-rate-limit.ts';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { AUTHORITY, RECEIPT_NO, seedSignedSite, type SignedSite } from './public-support.ts';

const ANON = { authorization: '' };

describe.each(DIALECTS)('the sign’s public page on %s', (dialect) => {
  let t: TestApp;
  let s: SignedSite;

  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    s = await seedSignedSite(t);
    await t.services.ledger.sync();
    await t.services.ledger.checkpoint();
  });
  afterEach(async () => t.close());

  it('tells anyone without sign-in the unit, purpose, cameras, retention, filing, ledger key and checkpoint', async () => {
    const response = await t.call('GET', `/api/public/signs/${s.code}`, undefined, ANON);
    expect(response.statusCode, response.body).toBe(200);
    const info = response.json();
    expect(info).toMatchObject({
      code: s.code,
      unit: { name: '某商贸有限公司', individual: false },
      site: { name: '商场B1', placeCategory: 'A7_2_1_GATHERING' },
      sign: { location: '商场B1东门入口' },
      cameraCount: 2,
      audio: true,
      retention: { days: 45, floorDays: 30 },
      filing: { status: 'FILED', receiptNo: RECEIPT_NO, filedAt: '2025-06-10', authority: AUTHORITY },
      forms: { art21: true, report: true },
    });
    expect(info.purposes).toEqual(['覆盖商场主入口人员进出,用于维护公共安全与治安防范', '收银区域防盗与纠纷处理,维护财产安全']);
    const key = (await t.call('GET', '/api/ledger/public-key', undefined, ANON)).json();
    expect(info.ledger.publicKey).toEqual(key);
    const [latest] = await t.services.ledger.checkpoints(1);
    expect(info.ledger.checkpoint).toEqual(latest);
    expect(info.ledger.checkpoint.treeSize).toBeGreaterThan(0);
    expect(info.ledger.verifyCommand).toMatch(/^custos verify /);
  });

  it('shows no personal data and no internal ids: no contact person, phone, legal representative, camera ids or stream addresses', async () => {
    const text = (await t.call('GET', `/api/public/signs/${s.code}`, undefined, ANON)).body;
    for (const secret of ['李四', '0571-88888888', '王五', 'rtsp', '10.0.0.5', s.unitId, s.siteId, s.signId, ...s.cameraIds, '入口1', '收银台']) expect(text).not.toContain(secret);
  });

  it('does not name a natural person who runs the cameras, nor their address', async () => {
    await t.close();
    t = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    const person = await seedSignedSite(t, { filed: false, unit: { name: '张小明', unitType: 'INDIVIDUAL', uscc: null } });
    const response = await t.call('GET', `/api/public/signs/${person.code}`, undefined, ANON);
    expect(response.json()).toMatchObject({ unit: { name: null, individual: true }, site: { name: '商场B1', address: '' } });
    expect(response.body).not.toContain('张小明');
    expect(response.body).not.toContain('文三路');
  });

  it('says NOT_FILED with the county organ before the filing is received', async () => {
    await t.close();
    t = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    const other = await seedSignedSite(t, { filed: false });
    const info = (await t.call('GET', `/api/public/signs/${other.code}`, undefined, ANON)).json();
    expect(info.filing).toEqual({ status: 'NOT_FILED', receiptNo: null, filedAt: null, authority: AUTHORITY });
  });

  it('says NOT_REQUIRED for an art. 9 place that never filed (art. 9.2 lifts the filing duty)', async () => {
    await t.close();
    t = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    const shop = await seedSignedSite(t, { filed: false, site: { placeCategory: 'A9_OTHER_PUBLIC', placeSubtype: '便利店' } });
    const info = (await t.call('GET', `/api/public/signs/${shop.code}`, undefined, ANON)).json();
    expect(info.filing).toEqual({ status: 'NOT_REQUIRED', receiptNo: null, filedAt: null, authority: AUTHORITY });
  });

  it('answers 404 E_SIGN_CODE_UNKNOWN for an unknown code, a malformed one, and once the site is deactivated', async () => {
    for (const code of ['ABCDEFGHJK', 'not-a-code', s.code.slice(0, 9)]) {
      const response = await t.call('GET', `/api/public/signs/${code}`, undefined, ANON);
      expect(response.statusCode, code).toBe(404);
      expect(response.json().code).toBe('E_SIGN_CODE_UNKNOWN');
    }
    // A lower-case code read off the paper still opens the page.
    expect((await t.call('GET', `/api/public/signs/${s.code.toLowerCase()}`, undefined, ANON)).statusCode).toBe(200);
    const off = await t.call('POST', `/api/sites/${s.siteId}/deactivate`, { reason: '场所停业' });
    expect(off.statusCode, off.body).toBe(200);
    const gone = await t.call('GET', `/api/public/signs/${s.code}`, undefined, ANON);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('E_SIGN_CODE_UNKNOWN');
  });

  it('sends /s/CODE to the web page, and refuses a malformed code', async () => {
    const response = await t.call('GET', `/s/${s.code.toLowerCase()}`, undefined, ANON);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/#/s/${s.code}`);
    expect((await t.call('GET', '/s/..%2F..%2Fetc', undefined, ANON)).statusCode).toBe(404);
  });

  it(`refuses the ${PUBLIC_READ_LIMIT.max + 1}th read in a minute from one address with 429 E_RATE_LIMITED, not another address`, async () => {
    const read = (remoteAddress: string) => t.app.inject({ method: 'GET', url: `/api/public/signs/${s.code}`, remoteAddress });
    for (let i = 0; i < PUBLIC_READ_LIMIT.max; i++) expect((await read('198.51.100.7')).statusCode).toBe(200);
    const refused = await read('198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'E_RATE_LIMITED' });
    expect((await read('198.51.100.8')).statusCode).toBe(200);
  });
});
