/**
 * Art. 24 ¶2: a report forwarded to the county public security organ of the site (from the filing
 * authorities) is recorded with time, actor and channel, tells the police side on the event bus (and so
 * webhooks and MQTT), and prints a one-page bilingual letter whose text pdftotext reads back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPdf } from '../support/pdf.ts';
import type { CustosEvent } from '../../src/events/event-bus.ts';
import { eventData } from '../../src/events/out/event-payload.ts';
import { DIALECTS } from '../support/db.ts';
import { AUTHORITY, filed, openReportsWorld, PNG, reportBody, type ReportsWorld } from './support.ts';


describe.each(DIALECTS)('public reports: forwarded to the public security organ (%s)', (dialect) => {
  let w: ReportsWorld;
  let events: CustosEvent[];
  beforeEach(async () => {
    w = await openReportsWorld(dialect, '2025-06-01T01:00:00Z');
    events = [];
    w.t.services.bus.subscribe((e) => {
      if (e.type === 'public-report.forwarded') events.push(e);
    });
  });
  afterEach(async () => {
    await w?.close();
  });

  it('REG-24-2: forwarding records the organ of the site’s division, channel, actor and time, emits public-report.forwarded without the contact, and prints the letter', async () => {
    const { id, reference } = await filed(w, w.A.code);
    const A = w.as(w.handlerA);
    expect((await A('GET', `/api/public-reports/${id}/forwarding-letter.pdf`)).json()).toMatchObject({ code: 'E_REPORT_NOT_FORWARDED' });
    w.t.clock.set('2025-06-01T01:30:00Z');
    const forwarded = await A('POST', `/api/public-reports/${id}/forward`, { channel: 'HAND_DELIVERY', note: '第八条第二款:立即报告' });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(forwarded.json()).toMatchObject({
      status: 'FORWARDED',
      forwardedAt: '2025-06-01T01:30:00.000Z',
      firstActionAt: '2025-06-01T01:30:00.000Z',
      forwarding: { authority: AUTHORITY, adminDivisionCode: '330106', channel: 'HAND_DELIVERY', forwardedByName: '张主管', forwardedAt: '2025-06-01T01:30:00.000Z' },
    });
    expect((await A('POST', `/api/public-reports/${id}/forward`, { channel: 'POST' })).json()).toMatchObject({ code: 'E_REPORT_ALREADY_FORWARDED' });

    expect(events).toHaveLength(1);
    const { at, data } = await eventData(w.t.db.db, events[0]!);
    expect(at).toBe('2025-06-01T01:30:00.000Z');
    expect(data).toMatchObject({ report: { reportId: id, reference, violationType: 'ART8_1', article: '8.1', authority: AUTHORITY, channel: 'HAND_DELIVERY', siteId: w.A.siteId, letterPath: `/api/public-reports/${id}/forwarding-letter.pdf` } });
    expect(JSON.stringify(data)).not.toMatch(/13800138000|刘女士/);

    const letter = await A('GET', `/api/public-reports/${id}/forwarding-letter.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const { text, pages } = readPdf(letter.rawPayload);
    expect(pages).toBe(1);
    for (const expected of ['公众举报转交函', 'Forwarding of a public report', reference, AUTHORITY, 'A 商贸公司', '第八条第一款', 'Art. 8 ¶1', '二楼女更衣室', '当面递交 / by hand', '张主管', '第八条第二款']) expect(text).toContain(expected);
    // The reporter did not agree to pass on the contact: the letter says so and holds none of it.
    expect(text).not.toContain('13800138000');
    expect(text).toContain('未同意向公安机关提供');
    // Only handlers print the letter.
    expect((await w.as(w.operatorA)('GET', `/api/public-reports/${id}/forwarding-letter.pdf`)).statusCode).toBe(403);
  });

  it('the contact reaches the letter only with the reporter’s consent; a site without a known organ needs one named (E_REPORT_AUTHORITY_UNKNOWN); a resolved report may still be forwarded', async () => {
    const consenting = await filed(w, w.A.code, reportBody({ contact: { name: '刘女士', phone: '13800138000', shareWithPolice: true } }));
    const A = w.as(w.handlerA);
    await A('POST', `/api/public-reports/${consenting.id}/forward`, { channel: 'EMAIL' });
    expect(readPdf((await A('GET', `/api/public-reports/${consenting.id}/forwarding-letter.pdf`)).rawPayload).text).toContain('13800138000');

    const atB = await filed(w, w.B.code, reportBody({ violationType: 'ART9_1', contact: undefined }));
    const B = w.as(w.handlerB);
    await B('POST', `/api/public-reports/${atB.id}/resolve`, { outcome: 'CAMERA_REMOVED', note: '已拆除' });
    expect((await B('POST', `/api/public-reports/${atB.id}/forward`, { channel: 'PHONE' })).json()).toMatchObject({ code: 'E_REPORT_AUTHORITY_UNKNOWN' });
    const named = (await B('POST', `/api/public-reports/${atB.id}/forward`, { channel: 'PHONE', authority: '杭州市公安局上城区分局' })).json<{ status: string; forwarding: { authority: string } }>();
    expect(named).toMatchObject({ status: 'RESOLVED', forwarding: { authority: '杭州市公安局上城区分局' } });
    expect(readPdf((await B('GET', `/api/public-reports/${atB.id}/forwarding-letter.pdf`)).rawPayload).text).toContain('匿名举报');
  });

  it('the letter stays on one page whatever was typed: the longest texts and many steps are cut, the whole text stays in Custos', async () => {
    const long = reportBody({ location: '二楼女更衣室'.repeat(83), cameraDescription: '烟雾报警器形状'.repeat(71), description: '天花板上有疑似摄像头的装置。'.repeat(285), photos: [{ contentBase64: PNG.toString('base64') }, { contentBase64: PNG.toString('base64') }, { contentBase64: PNG.toString('base64') }], contact: { name: '刘'.repeat(100), phone: '13800138000', email: `${'a'.repeat(60)}@example.com`, shareWithPolice: true } });
    const { id } = await filed(w, w.A.code, long);
    const A = w.as(w.handlerA);
    for (let i = 0; i < 6; i++) expect((await A('POST', `/api/public-reports/${id}/camera`, { cameraId: w.A.cameraId, note: '核查记录'.repeat(500) })).statusCode).toBe(200);
    await A('POST', `/api/public-reports/${id}/forward`, { channel: 'HAND_DELIVERY', note: '备注'.repeat(1000), authority: '某'.repeat(200) });
    const { text, pages } = readPdf((await A('GET', `/api/public-reports/${id}/forwarding-letter.pdf`)).rawPayload);
    expect(pages).toBe(1);
    expect(text).toContain('全文见系统');
    expect(text).toContain('接收民警签字');
  });
});
