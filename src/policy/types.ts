import type { LocalizedText } from '../shared/errors.ts';

export const SEVERITIES = ['BLOCK', 'NONCOMPLIANT', 'ADVISORY', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a finding is about. */
export type FindingSubject =
  | { type: 'unit'; id: string }
  | { type: 'site'; id: string }
  | { type: 'camera'; id: string; siteId: string }
  | { type: 'asset'; id: string; siteId: string }
  | { type: 'sign'; id: string; siteId: string }
  | { type: 'consent'; id: string; siteId: string }
  | { type: 'filing'; id: string; siteId: string };

/** The actions a BLOCK finding refuses. */
export type Gate = 'REGISTER' | 'ACTIVATE' | 'SUBMIT_FILING';

export interface Finding {
  /** Requirement ID, e.g. 'REG-08-2'. */
  ruleId: string;
  /** Stable machine code, e.g. 'E_PROHIBITED_ZONE' or 'FILING_OVERDUE'. */
  code: string;
  /** Article of Order 799, e.g. '8.1(3)', '17', '7.3'. */
  article: string;
  severity: Severity;
  message: LocalizedText;
  /** Article of arts. 26–31 whose penalty applies, e.g. '27.1'. */
  penaltyRef?: string;
  subject: FindingSubject;
  /** For BLOCK findings: which actions they refuse. */
  gates?: Gate[];
  /** For BLOCK findings: 'INVALID' is bad input (HTTP 422), 'PRECONDITION' a missing precondition (HTTP 409). */
  refusal?: 'INVALID' | 'PRECONDITION';
  details?: Record<string, unknown>;
}
