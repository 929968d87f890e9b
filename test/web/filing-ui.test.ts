/**
 * The filing UI's pure parts: where a finding links (its object, the page that fixes it), readable
 * labels and values of the filing's fields in both languages, days to a due date, exposure per article.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { daysBetween, legalDate } from '../../web/src/lib/legal-time.ts';
import { byArticle } from '../../web/src/filing/Exposure.tsx';
import { fieldLabel, fieldValue } from '../../web/src/filing/fields.ts';
import { fixHref, objectHref } from '../../web/src/filing/links.ts';
import { messages } from '../../web/src/i18n/messages.ts';
import { diffFilingDatasets } from '../../src/policy/cn-order-799/filing/diff.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { 'zh-CN': { translation: messages.zh }, en: { translation: messages.en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
});

describe('finding links', () => {
  it('REG-14-4: filing findings are fixed on the filing page of their system; the object is the site plan', () => {
    const subject = { type: 'site', id: 'site_1' };
    expect(objectHref(subject)).toBe('#/plan/site_1');
    for (const code of ['CHANGE_FILING_REQUIRED', 'FILING_DUE', 'FILING_OVERDUE']) expect(fixHref(code, subject)).toBe('#/filing/site_1');
  });

  it('REG-13-5: a camera without a sign links to the camera and is fixed on the site plan', () => {
    const subject = { type: 'camera', id: 'cam_1', siteId: 'site_1' };
    expect(objectHref(subject)).toBe('#/cameras/cam_1');
    expect(fixHref('SIGNAGE_MISSING', subject)).toBe('#/plan/site_1');
    expect(fixHref('E_RETENTION_BELOW_MINIMUM', subject)).toBe('#/cameras/cam_1');
  });

  it('links signs and consents to their desk record, staff findings to the staff records, and a unit to nothing', () => {
    expect(objectHref({ type: 'sign', id: 'sign_1', siteId: 'site_1' })).toBe('#/desk/sign/sign_1');
    expect(objectHref({ type: 'consent', id: 'c_1', siteId: 'site_1' })).toBe('#/desk/consent/c_1');
    expect(fixHref('PERSONNEL_PREREQ_MISSING', { type: 'unit', id: 'unit_1' })).toBe('#/persons');
    expect(objectHref({ type: 'unit', id: 'unit_1' })).toBeUndefined();
  });

  it('has a fix hint in both languages for every filing finding code', () => {
    for (const tree of [messages.en, messages.zh]) {
      const fix = tree.fix as Record<string, string>;
      for (const code of ['CHANGE_FILING_REQUIRED', 'FILING_DUE', 'FILING_OVERDUE', 'FILING_SUBMITTED', 'FILING_FILED', 'generic']) expect(fix[code]).toBeTruthy();
    }
  });
});

describe('filing fields', () => {
  it('REG-14-4: labels every path of a change diff in both languages, never the raw path', async () => {
    const filed = { unit: { name: 'A', contactPhone: '1' }, location: { placeCategory: 'A9_OTHER_PUBLIC' }, cameraTotal: 1, cameraByType: { FIXED: 1 }, extras: { networkedToPsb: false } };
    const live = { unit: { name: 'B', contactPhone: '2' }, location: { placeCategory: 'A7_2_1_GATHERING' }, cameraTotal: 2, cameraByType: { FIXED: 1, DOME: 1 }, extras: { networkedToPsb: true } };
    const paths = Object.keys(diffFilingDatasets(filed, live));
    expect(paths).toEqual(expect.arrayContaining(['unit.name', 'cameraByType.DOME', 'location.placeCategory', 'extras.networkedToPsb']));
    for (const language of ['zh-CN', 'en']) {
      await i18n.changeLanguage(language);
      for (const path of paths) expect(fieldLabel(i18n.t, path)).not.toBe(path);
    }
    await i18n.changeLanguage('en');
    expect(fieldLabel(i18n.t, 'cameraByType.DOME')).toBe('Number of cameras: Dome camera');
    expect(fieldValue(i18n.t, 'location.placeCategory', 'A7_2_1_GATHERING')).toBe('Crowded places: malls, venues, schools, hospitals, parks, car parks (art. 7.2(1))');
    expect(fieldValue(i18n.t, 'extras.networkedToPsb', true)).toBe('yes');
    await i18n.changeLanguage('zh-CN');
    expect(fieldLabel(i18n.t, 'cameraByType.DOME')).toBe('半球摄像机数量');
    expect(fieldValue(i18n.t, 'unit.unitType', 'ENTERPRISE')).toBe('企业');
    expect(fieldValue(i18n.t, 'extras.entrustedOperator', null)).toBe('—');
    expect(fieldValue(i18n.t, 'cameraByType', { FIXED: 2, PTZ: 1 })).toBe('枪式摄像机 2, 云台摄像机 1');
  });
});

describe('deadline days', () => {
  it('REG-14-2: counts days in Asia/Shanghai, negative once past the due date', () => {
    // 2026-12-03 20:00 UTC is already 2026-12-04 in Shanghai.
    expect(legalDate('2026-12-03T20:00:00Z')).toBe('2026-12-04');
    expect(legalDate('2026-12-03T15:59:59Z')).toBe('2026-12-03');
    expect(daysBetween('2026-12-04', '2026-12-23')).toBe(19);
    expect(daysBetween('2026-12-24', '2026-12-23')).toBe(-1);
    // Across the change to a new year and a 31-day month.
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10);
  });
});

describe('exposure per article', () => {
  const row = (penaltyRef: string, subjectId: string, trigger: 'IMMEDIATE' | 'ON_REFUSAL' | null, maxExposure: number, countedInTotals = true) =>
    ({ penaltyRef, subject: { type: 'site', id: subjectId }, trigger, maxExposure, countedInTotals, flags: { orderToCorrectOnly: trigger === null } }) as unknown as Parameters<typeof byArticle>[0][number];

  it('REG-26-1: sums each article once per subject, immediate apart from on-refusal, and counts order-to-correct-only findings', () => {
    const totals = byArticle([row('29', 's1', 'ON_REFUSAL', 10_000), row('29', 's1', 'ON_REFUSAL', 10_000, false), row('27.1', 's2', 'IMMEDIATE', 50_000), row('30', 's3', null, 0)]);
    expect(totals).toEqual([
      { penaltyRef: '27.1', findings: 1, immediateMax: 50_000, conditionalMax: 0, orderToCorrectOnly: 0 },
      { penaltyRef: '29', findings: 2, immediateMax: 0, conditionalMax: 10_000, orderToCorrectOnly: 0 },
      { penaltyRef: '30', findings: 1, immediateMax: 0, conditionalMax: 0, orderToCorrectOnly: 1 },
    ]);
  });
});
