import { describe, expect, it } from 'vitest';
import { buildFilingDataset } from '../../src/policy/cn-order-799/filing/dataset.ts';
import { FILING_STATUS_LABELS } from '../../src/policy/cn-order-799/filing/labels.ts';
import { canTransition, transitionFiling } from '../../src/policy/cn-order-799/filing/state.ts';
import { ConflictError, InvalidError } from '../../src/shared/errors.ts';
import { at, filing, snapshot } from './fixtures.ts';

const dataset = buildFilingDataset(snapshot(), 'S1', at('2025-06-01T09:00:00'));
const submit = { type: 'SUBMIT' as const, at: at('2025-06-01T10:00:00'), attestedBy: '王五', dataset };

describe('REG-14-3 filing state machine', () => {
  it('REG-14-3: DRAFT → SUBMITTED → FILED with receipt number, date and authority', () => {
    const submitted = transitionFiling(filing(), submit);
    expect(submitted).toMatchObject({ status: 'SUBMITTED', attestedBy: '王五', datasetSha256: dataset.sha256, submittedAt: '2025-06-01T02:00:00.000Z' });
    const filed = transitionFiling(submitted, { type: 'RECORD_RECEIPT', receiptNo: 'BA-2025-000123', filedAt: '2025-06-03', authority: '杭州市公安局西湖区分局' });
    expect(filed).toMatchObject({ status: 'FILED', receiptNo: 'BA-2025-000123', filedAt: '2025-06-03', authority: '杭州市公安局西湖区分局' });
  });

  it('REG-14-3: SUBMITTED → RETURNED (reason) → resubmitted', () => {
    const returned = transitionFiling(transitionFiling(filing(), submit), { type: 'RETURN', reason: '缺少授权委托书' });
    expect(returned).toMatchObject({ status: 'RETURNED', returnedReason: '缺少授权委托书' });
    expect(transitionFiling(returned, submit)).toMatchObject({ status: 'SUBMITTED', returnedReason: null });
  });

  it.each([
    ['DRAFT', 'RECORD_RECEIPT'],
    ['DRAFT', 'RETURN'],
    ['SUBMITTED', 'SUBMIT'],
    ['FILED', 'SUBMIT'],
    ['FILED', 'RETURN'],
    ['FILED', 'RECORD_RECEIPT'],
    ['RETURNED', 'RECORD_RECEIPT'],
  ] as const)('REG-14-3: %s cannot take %s (E_FILING_STATE)', (status, event) => {
    expect(canTransition(status, event)).toBe(false);
    const ev =
      event === 'SUBMIT' ? submit : event === 'RETURN' ? { type: event, reason: 'x' } : { type: event, receiptNo: 'R', filedAt: '2025-06-03', authority: 'A' };
    let thrown: unknown;
    try {
      transitionFiling(filing({ status }), ev);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConflictError);
    expect(thrown).toMatchObject({ code: 'E_FILING_STATE', details: { from: status, event } });
  });

  it('REG-14-5: submitting needs an attestation and an intact dataset', () => {
    expect(() => transitionFiling(filing(), { ...submit, attestedBy: ' ' })).toThrow(/E_ATTESTATION_REQUIRED/);
    expect(() => transitionFiling(filing(), { ...submit, dataset: { ...dataset, cameraTotal: 99 } })).toThrow(/E_FILING_HASH_MISMATCH/);
    expect(() => transitionFiling(filing({ siteId: 'S2' }), submit)).toThrow(InvalidError);
  });

  it('REG-14-3: a receipt needs a number, an authority and a date not before submission; a return needs a reason', () => {
    const submitted = transitionFiling(filing(), submit);
    expect(() => transitionFiling(submitted, { type: 'RECORD_RECEIPT', receiptNo: '', filedAt: '2025-06-03', authority: 'A' })).toThrow(/E_FILING_RECEIPT_INVALID/);
    expect(() => transitionFiling(submitted, { type: 'RECORD_RECEIPT', receiptNo: 'R', filedAt: '2025-05-31', authority: 'A' })).toThrow(/E_FILING_RECEIPT_INVALID/);
    expect(() => transitionFiling(submitted, { type: 'RECORD_RECEIPT', receiptNo: 'R', filedAt: '2025-6-3', authority: 'A' })).toThrow(/E_FILING_RECEIPT_INVALID/);
    expect(() => transitionFiling(submitted, { type: 'RETURN', reason: '' })).toThrow(/E_FILING_RETURN_REASON_REQUIRED/);
  });

  it('REG-14-3: filing is not an approval: no status label says approved or 批准', () => {
    for (const l of Object.values(FILING_STATUS_LABELS)) {
      expect(l.zh).not.toMatch(/批准|审批通过/);
      expect(l.en).not.toMatch(/approv/i);
    }
  });
});
