/** Retention findings, in the shape of the policy pack's findings, for the compliance view and alarms. */
import type { LocalizedText } from '../shared/errors.ts';

export interface RetentionFinding {
  ruleId: string;
  code: 'HOLD_REVIEW_OVERDUE' | 'RETENTION_AT_RISK' | 'STORAGE_INSUFFICIENT' | 'STORAGE_HEADROOM_LOW' | 'RECORDING_SUSPENDED_CAPACITY' | 'RETENTION_LEGAL_REVIEW_REQUIRED';
  article: string;
  severity: 'CRITICAL' | 'NONCOMPLIANT' | 'ADVISORY' | 'INFO';
  message: LocalizedText;
  subject: { type: 'hold' | 'camera' | 'storage'; id: string };
  details?: Record<string, unknown>;
}
