/**
 * REG-14-3: a filing's life as a pure state machine.
 *   DRAFT --SUBMIT--> SUBMITTED --RECORD_RECEIPT--> FILED
 *                     SUBMITTED --RETURN--> RETURNED --SUBMIT (resubmit)--> SUBMITTED
 * FILED is final: a later change is a new CHANGE filing. Filing records facts with the PSB; it is not
 * an approval, and nothing here calls it one.
 */
import type { FilingRecord } from '../../../registry/model.ts';
import type { FilingStatus } from '../../../registry/enums.ts';
import { ConflictError, InvalidError } from '../../../shared/errors.ts';
import { formatLegalInstant, isLegalDate, legalDateOf } from '../../../shared/legal-time.ts';
import { filingDatasetHash } from './dataset.ts';
import type { FilingDataset } from './dataset-schema.ts';

export type FilingEvent =
  | { type: 'SUBMIT'; at: Date | string; attestedBy: string; dataset: FilingDataset }
  | { type: 'RECORD_RECEIPT'; receiptNo: string; filedAt: string; authority: string }
  | { type: 'RETURN'; reason: string };

const ALLOWED: Record<FilingEvent['type'], readonly FilingStatus[]> = {
  SUBMIT: ['DRAFT', 'RETURNED'],
  RECORD_RECEIPT: ['SUBMITTED'],
  RETURN: ['SUBMITTED'],
};

export function canTransition(status: FilingStatus, event: FilingEvent['type']): boolean {
  return ALLOWED[event].includes(status);
}

function invalid(code: string, zh: string, en: string, details?: Record<string, unknown>): InvalidError {
  return new InvalidError(code, { article: '14', message: { zh, en }, ...(details ? { details } : {}) });
}

export function transitionFiling(filing: FilingRecord, event: FilingEvent): FilingRecord {
  if (!canTransition(filing.status, event.type)) {
    throw new ConflictError('E_FILING_STATE', {
      article: '14',
      message: { zh: `备案当前状态为${filing.status},不能执行${event.type}。`, en: `A filing in state ${filing.status} cannot take ${event.type}.` },
      details: { filingId: filing.id, from: filing.status, event: event.type, allowedFrom: ALLOWED[event.type] },
    });
  }
  switch (event.type) {
    case 'SUBMIT': {
      if (!event.attestedBy.trim()) {
        throw invalid('E_ATTESTATION_REQUIRED', '提交备案须由具名责任人声明对备案信息的真实性负责。', 'A named responsible person must attest the filing.');
      }
      if (event.dataset.siteId !== filing.siteId || filingDatasetHash(event.dataset) !== event.dataset.sha256) {
        throw invalid('E_FILING_HASH_MISMATCH', '备案数据与其哈希值或系统不符。', 'The dataset does not match its hash or its system.');
      }
      return {
        ...filing,
        status: 'SUBMITTED',
        dataset: structuredClone(event.dataset),
        datasetSha256: event.dataset.sha256,
        attestedBy: event.attestedBy.trim(),
        submittedAt: new Date(event.at).toISOString(),
        returnedReason: null,
      };
    }
    case 'RECORD_RECEIPT': {
      const submittedOn = filing.submittedAt ? legalDateOf(filing.submittedAt) : null;
      if (!event.receiptNo.trim() || !event.authority.trim() || !isLegalDate(event.filedAt) || (submittedOn !== null && event.filedAt < submittedOn)) {
        throw invalid('E_FILING_RECEIPT_INVALID', '备案回执信息不完整,或备案日期早于提交日期。', 'The receipt needs a number, an authority and a filing date not before submission.', {
          submittedAt: filing.submittedAt ? formatLegalInstant(filing.submittedAt) : null,
        });
      }
      return { ...filing, status: 'FILED', receiptNo: event.receiptNo.trim(), filedAt: event.filedAt, authority: event.authority.trim() };
    }
    case 'RETURN': {
      if (!event.reason.trim()) throw invalid('E_FILING_RETURN_REASON_REQUIRED', '退回备案须注明原因。', 'A returned filing needs a reason.');
      return { ...filing, status: 'RETURNED', returnedReason: event.reason.trim() };
    }
  }
}
