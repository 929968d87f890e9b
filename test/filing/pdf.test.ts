import { describe, expect, it } from 'vitest';
import { attachmentChecklist } from '../../src/policy/cn-order-799/filing/attachments.ts';
import { buildFilingDataset } from '../../src/policy/cn-order-799/filing/dataset.ts';
import { applyManualEdit } from '../../src/policy/cn-order-799/filing/manual-edit.ts';
import { renderFilingPdf } from '../../src/filing-pdf/render.ts';
import { at, camera, filing, snapshot } from './fixtures.ts';
import { pdfPagesText } from './pdf-text.ts';

const WHEN = at('2025-05-20T10:00:00');

describe('REG-14-6 filing PDF', () => {
  it('REG-14-6: the text layer carries the USCC, the camera total, the authority and readable Chinese; the file is small', async () => {
    const dataset = buildFilingDataset(snapshot(), 'S1', WHEN);
    const pdf = await renderFilingPdf(dataset, {
      filing: filing({ status: 'FILED', receiptNo: 'BA-330106-2025-000001', filedAt: '2025-06-03' }),
      attachments: attachmentChecklist({ AUTHORIZATION_LETTER: true, BUSINESS_LICENSE: true }),
      generatedAt: WHEN,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(400 * 1024);
    const text = (await pdfPagesText(pdf)).join('\n');
    expect(text).toContain('91330106MA2AB3C472');
    expect(text).toContain('公共安全视频图像信息系统备案基本信息表');
    expect(text).toMatch(/合计\s*12\s*台/);
    expect(text).toContain('杭州市公安局西湖区分局');
    expect(text).toContain('2025年6月9日');
    expect(text).toContain(dataset.sha256);
    expect(text).toContain('BA-330106-2025-000001');
    expect(text).toContain('已备案');
    for (const a of ['授权委托书(加盖单位公章)', '营业执照或统一社会信用代码证书复印件', '法人登记证书', '经办人身份证件']) expect(text).toContain(a);
    expect(text.match(/已提供/g)).toHaveLength(2);
    expect(text.match(/未提供/g)).toHaveLength(2);
    expect(text).not.toMatch(/批准|approved/i);
  });

  it('REG-14-6: the CJK font is embedded as a subset, not whole', async () => {
    const pdf = await renderFilingPdf(buildFilingDataset(snapshot(), 'S1', WHEN), { generatedAt: WHEN });
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(raw).toMatch(/\/FontFile[23]?/);
    expect(pdf.length).toBeLessThan(1024 * 1024);
  });

  it('REG-14-5: manual edits with reasons and per-camera storage periods are printed; long tables break across pages', async () => {
    const cams = Array.from({ length: 40 }, (_, i) => camera(`K${String(i).padStart(2, '0')}`, i % 3 === 0 ? 'ANPR' : 'DOME', { retentionDays: i === 0 ? 30 : 60 }));
    const base = buildFilingDataset(snapshot({ cameras: cams }), 'S1', WHEN);
    const dataset = applyManualEdit(base, 'unit.contactPhone', '13800000000', '联系人手机号已更换');
    const pages = await pdfPagesText(await renderFilingPdf(dataset, { generatedAt: WHEN }));
    expect(pages.length).toBeGreaterThan(1);
    const text = pages.join('\n');
    expect(text).toContain('联系电话:联系人手机号已更换');
    expect(text).toContain('摄像机 K39(K39)');
    expect(text).toContain(`共 ${pages.length} 页`);
    expect(text).toMatch(/合计\s*40\s*台/);
  });
});

describe('REG-09-2 the PDF of a voluntary filing', () => {
  it('REG-09-2: an art. 9 shop filing voluntarily prints "no filing required (art. 9.2)" instead of a deadline', async () => {
    const a9 = snapshot({ sites: [snapshot().sites[0]!].map((s) => ({ ...s, placeCategory: 'A9_OTHER_PUBLIC' as const })) });
    const dataset = buildFilingDataset(a9, 'S1', WHEN);
    expect(dataset.deadline).toBeNull();
    const text = (await pdfPagesText(await renderFilingPdf(dataset, { generatedAt: WHEN }))).join('\n').replace(/\s+/g, '');
    expect(text).toContain('无需备案(第九条第二款');
    expect(text).not.toContain('2025年6月9日');
  });
});
