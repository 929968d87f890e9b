import { describe, expect, it } from 'vitest';
import { buildFilingDataset } from '../../src/policy/cn-order-799/filing/dataset.ts';
import { applyManualEdit, manualEdits } from '../../src/policy/cn-order-799/filing/manual-edit.ts';
import { assertSubmission, checkSubmission } from '../../src/policy/cn-order-799/filing/submission.ts';
import { validateAdminDivisionCode as adminDivisionProblem, validateUscc } from '../../src/policy/index.ts';

const isValidUscc = (code: string) => validateUscc(code) === null;
import { ConflictError, InvalidError } from '../../src/shared/errors.ts';
import { at, filing, INVALID_USCC, inventory12, site, snapshot, unit, VALID_USCC } from './fixtures.ts';

const AT = at('2025-05-20T10:00:00');
const OK = { responsiblePerson: '王五', position: '法定代表人' };
const issueCodes = (c: { issues: Array<{ code: string }> }): string[] => c.issues.map((i) => i.code);

describe('REG-14-5 submission checks', () => {
  it('REG-14-5: a complete system with a named responsible person can be submitted', () => {
    const check = checkSubmission(snapshot(), 'S1', OK, { at: AT });
    expect(check).toMatchObject({ ok: true, issues: [] });
    expect(assertSubmission(snapshot(), 'S1', OK, { at: AT }).cameraTotal).toBe(12);
  });

  it('REG-14-5: submission needs an attestation by a named responsible person', () => {
    expect(issueCodes(checkSubmission(snapshot(), 'S1', null, { at: AT }))).toEqual(['E_ATTESTATION_REQUIRED']);
    expect(issueCodes(checkSubmission(snapshot(), 'S1', { responsiblePerson: '  ' }, { at: AT }))).toEqual(['E_ATTESTATION_REQUIRED']);
    expect(() => assertSubmission(snapshot(), 'S1', null, { at: AT })).toThrow(InvalidError);
  });

  it('REG-14-5: retention 15 with the draft edited to 30 is refused with 422 E_FILING_RETENTION_MISMATCH', () => {
    const snap = snapshot({ cameras: inventory12({ retentionDays: 15 }), sites: [site({ storagePeriodDays: 15 })] });
    const draft = buildFilingDataset(snap, 'S1', AT);
    const edited = applyManualEdit(applyManualEdit(draft, 'storagePeriodDays', 30, '按30日备案'), 'configuredStoragePeriodDays', 30, '按30日备案');
    const check = checkSubmission(snap, 'S1', OK, { at: AT, dataset: edited });
    expect(issueCodes(check)).toEqual(['E_FILING_RETENTION_MISMATCH']);
    expect(check.issues[0]).toMatchObject({ article: '14', refusal: 'INVALID', details: { filed: 30, configured: 15 } });
    let thrown: unknown;
    try {
      assertSubmission(snap, 'S1', OK, { at: AT, dataset: edited });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidError);
    expect(thrown).toMatchObject({ code: 'E_FILING_RETENTION_MISMATCH', kind: 'INVALID', article: '14' });
  });

  it('REG-14-5: a manual edit with a reason is flagged MANUAL(reason) and re-hashed; one without a reason is refused', () => {
    const draft = buildFilingDataset(snapshot(), 'S1', AT);
    const edited = applyManualEdit(draft, 'unit.contactPhone', '13800000000', '联系人更换手机号');
    expect(edited.unit.contactPhone).toBe('13800000000');
    expect(edited.provenance['unit.contactPhone']).toEqual({ source: 'MANUAL', reason: '联系人更换手机号' });
    expect(edited.sha256).not.toBe(draft.sha256);
    expect(manualEdits(edited)).toEqual([{ path: 'unit.contactPhone', reason: '联系人更换手机号' }]);
    expect(checkSubmission(snapshot(), 'S1', OK, { at: AT, dataset: edited }).ok).toBe(true);
    expect(() => applyManualEdit(draft, 'unit.contactPhone', 'x', ' ')).toThrow(/E_MANUAL_EDIT_REASON_REQUIRED/);
    expect(() => applyManualEdit(draft, 'sha256', 'x', 'r')).toThrow(/E_FIELD_NOT_EDITABLE/);
    // Editing without going through applyManualEdit: hash and provenance both give it away.
    const sneaky = { ...draft, unit: { ...draft.unit, name: '别的公司' } };
    expect(issueCodes(checkSubmission(snapshot(), 'S1', OK, { at: AT, dataset: sneaky }))).toEqual(['E_FILING_HASH_MISMATCH', 'E_MANUAL_EDIT_REASON_REQUIRED']);
  });

  it('REG-05-1: admin division code format, county level and a known filing authority', () => {
    expect(issueCodes(checkSubmission(snapshot({ sites: [site({ adminDivisionCode: '3301' })] }), 'S1', OK, { at: AT }))).toEqual(['E_ADMIN_DIVISION_FORMAT']);
    expect(issueCodes(checkSubmission(snapshot({ sites: [site({ adminDivisionCode: '330100' })] }), 'S1', OK, { at: AT }))).toEqual(['E_COUNTY_LEVEL_CODE_REQUIRED']);
    const unknown = checkSubmission(snapshot({ filingAuthorities: [] }), 'S1', OK, { at: AT });
    expect(issueCodes(unknown)).toEqual(['E_FILING_AUTHORITY_UNKNOWN']);
    expect(unknown.issues[0]?.refusal).toBe('PRECONDITION');
    expect(() => assertSubmission(snapshot({ filingAuthorities: [] }), 'S1', OK, { at: AT })).toThrow(ConflictError);
    expect(adminDivisionProblem('330106')).toBeNull();
  });

  it('REG-14-1: the USCC must pass its GB 32100 check character', () => {
    expect(isValidUscc(VALID_USCC)).toBe(true);
    expect(isValidUscc(INVALID_USCC)).toBe(false);
    expect(isValidUscc('91330106MA2AB3C47')).toBe(false);
    // Weighted sum ≡ 0 (mod 31): the check character is '0', not the 32nd character.
    expect(isValidUscc('91110108MA01AB2CF0')).toBe(true);
    expect(isValidUscc('91110108MA01AB2CFY')).toBe(false);
    expect(issueCodes(checkSubmission(snapshot({ units: [unit({ uscc: INVALID_USCC })] }), 'S1', OK, { at: AT }))).toEqual(['E_USCC_INVALID']);
    expect(issueCodes(checkSubmission(snapshot({ units: [unit({ uscc: null })] }), 'S1', OK, { at: AT }))).toEqual(['E_USCC_REQUIRED']);
    expect(checkSubmission(snapshot({ units: [unit({ uscc: null, unitType: 'INDIVIDUAL' })] }), 'S1', OK, { at: AT }).ok).toBe(true);
  });

  it('REG-14-3: a second submission while one is SUBMITTED is refused; A33 sites have nothing to file', () => {
    expect(issueCodes(checkSubmission(snapshot({ filings: [filing({ status: 'SUBMITTED' })] }), 'S1', OK, { at: AT }))).toEqual(['E_FILING_IN_PROGRESS']);
    expect(issueCodes(checkSubmission(snapshot({ sites: [site({ placeCategory: 'A33_NON_PUBLIC' })] }), 'S1', OK, { at: AT }))).toEqual(['E_FILING_NOT_APPLICABLE']);
    expect(issueCodes(checkSubmission(snapshot({ cameras: [] }), 'S1', OK, { at: AT }))).toEqual(['E_NO_CAMERAS']);
  });
});
