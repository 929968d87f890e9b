import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/index.ts';
import { evaluatePutIntoUse } from '../../src/policy/cn-order-799/put-into-use.ts';
import type { ArchiveDocumentMeta } from '../../src/archive/model.ts';
import type { PlaceCategory } from '../../src/registry/enums.ts';
import { AT, camera, ofRule, site, snapshot } from './fixtures.ts';

function doc(overrides: Partial<ArchiveDocumentMeta> = {}): ArchiveDocumentMeta {
  return {
    id: 'D1',
    siteId: 'S1',
    docType: 'ACCEPTANCE',
    title: '竣工验收报告',
    authorUnit: '验收组',
    effectiveDate: '2025-04-01',
    standardCodes: [],
    currentVersion: 1,
    sha256: 'a'.repeat(64),
    ...overrides,
  };
}

const A9_DUTY = { partyUnitId: 'U1', basis: 'OPERATOR' as const, documentRef: '经营许可' };
const inUse = (placeCategory: PlaceCategory, archiveDocuments: ArchiveDocumentMeta[] = []) =>
  snapshot({
    sites: [site({ placeCategory, putIntoUseDate: '2025-04-10', securityObligation: placeCategory === 'A9_OTHER_PUBLIC' ? A9_DUTY : null })],
    archiveDocuments,
  });

describe('REG-11-1 acceptance record of a system in use', () => {
  it('REG-11-1 and REG-09-2: NONCOMPLIANT on A7, ADVISORY on A9 (art. 9.2), nothing on A33', () => {
    const a7 = ofRule(evaluate(inUse('A7_2_1_GATHERING'), AT), 'REG-11-1');
    expect(a7).toEqual([expect.objectContaining({ severity: 'NONCOMPLIANT', code: 'E_ACCEPTANCE_RECORD_REQUIRED', article: '11', subject: { type: 'site', id: 'S1' } })]);
    expect(a7[0]!.message.zh).toMatch(/验收/);
    const a9 = ofRule(evaluate(inUse('A9_OTHER_PUBLIC'), AT), 'REG-11-1');
    expect(a9.map((f) => [f.severity, f.details?.downgradedFrom])).toEqual([['ADVISORY', 'NONCOMPLIANT']]);
    expect(ofRule(evaluate(inUse('A33_NON_PUBLIC'), AT), 'REG-11-1')).toEqual([]);
  });

  it('REG-11-1: an acceptance document closes it; other document types do not', () => {
    expect(ofRule(evaluate(inUse('A7_2_1_GATHERING', [doc()]), AT), 'REG-11-1')).toEqual([]);
    const others = [doc({ docType: 'DESIGN' }), doc({ id: 'D2', docType: 'INSPECTION_TEST' })];
    expect(ofRule(evaluate(inUse('A7_2_1_GATHERING', others), AT), 'REG-11-1')[0]?.details).toMatchObject({ documentTypes: ['DESIGN', 'INSPECTION_TEST'] });
    const elsewhere = [doc({ siteId: 'S2' })];
    expect(ofRule(evaluate(inUse('A7_2_1_GATHERING', elsewhere), AT), 'REG-11-1')).toHaveLength(1);
  });

  it('REG-11-1 and AMB-5: a system is in use from its put-into-use date, else from its first camera activation; not before', () => {
    expect(ofRule(evaluate(snapshot(), AT), 'REG-11-1')).toEqual([]);
    const recording = snapshot({ cameras: [camera({ status: 'ACTIVE', activatedAt: '2025-05-02T01:00:00Z' })] });
    expect(ofRule(evaluate(recording, AT), 'REG-11-1')[0]?.details).toMatchObject({ putIntoUseDate: '2025-05-02', source: 'FIRST_CAMERA_ACTIVATION' });
    const planned = snapshot({ sites: [site({ putIntoUseDate: '2025-07-01' })] });
    expect(ofRule(evaluate(planned, AT), 'REG-11-1')).toEqual([]);
  });

  it('REG-11-1: the put-into-use gate refuses on A7, passes with an advisory on A9, and checks a future date as well', () => {
    const bare = (placeCategory: PlaceCategory, archiveDocuments: ArchiveDocumentMeta[] = []) =>
      snapshot({ sites: [site({ placeCategory, securityObligation: placeCategory === 'A9_OTHER_PUBLIC' ? A9_DUTY : null })], archiveDocuments });
    expect(evaluatePutIntoUse(bare('A7_2_1_GATHERING'), 'S1', '2025-06-01', AT).refusals.map((f) => f.code)).toEqual(['E_ACCEPTANCE_RECORD_REQUIRED']);
    expect(evaluatePutIntoUse(bare('A7_2_1_GATHERING'), 'S1', '2025-09-01', AT).refusals).toHaveLength(1);
    expect(evaluatePutIntoUse(bare('A7_2_1_GATHERING', [doc()]), 'S1', '2025-06-01', AT)).toEqual({ refusals: [], advisories: [] });
    const a9 = evaluatePutIntoUse(bare('A9_OTHER_PUBLIC'), 'S1', '2025-06-01', AT);
    expect([a9.refusals.length, a9.advisories.map((f) => f.ruleId)]).toEqual([0, ['REG-11-1']]);
    expect(evaluatePutIntoUse(bare('A33_NON_PUBLIC'), 'S1', '2025-06-01', AT)).toEqual({ refusals: [], advisories: [] });
  });
});
