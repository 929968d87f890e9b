/** What the CSV and CSAF readers produce: advisories ready to be matched, with ranges already checked. */
import { InvalidError, type LocalizedText } from '../shared/errors.ts';
import type { AdvisoryProduct, AdvisorySeverity } from './model.ts';

export interface ParsedAdvisory {
  source: 'CSV' | 'CSAF';
  reference: string | null;
  title: string | null;
  cves: string[];
  products: AdvisoryProduct[];
}

export interface ImportWarning {
  code: string;
  message: LocalizedText;
  details?: Record<string, unknown>;
}

export interface ParseResult {
  advisories: ParsedAdvisory[];
  warnings: ImportWarning[];
}

/** Upload limits: far above any real advisory, low enough that a hostile upload stays cheap. */
export const MAX_PRODUCTS = 5000;

const SEVERITY_WORDS: Record<string, AdvisorySeverity> = {
  critical: 'CRITICAL',
  严重: 'CRITICAL',
  超危: 'CRITICAL',
  high: 'HIGH',
  高: 'HIGH',
  高危: 'HIGH',
  medium: 'MEDIUM',
  moderate: 'MEDIUM',
  中: 'MEDIUM',
  中危: 'MEDIUM',
  low: 'LOW',
  低: 'LOW',
  低危: 'LOW',
};

export function severityOf(word: string): AdvisorySeverity | undefined {
  return Object.hasOwn(SEVERITY_WORDS, word.trim().toLowerCase()) ? SEVERITY_WORDS[word.trim().toLowerCase()] : undefined;
}

export const SEVERITY_RANK: Record<AdvisorySeverity, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

export function highest(severities: AdvisorySeverity[]): AdvisorySeverity {
  return severities.reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a), 'LOW');
}

export function tooLarge(count: number): InvalidError {
  return new InvalidError('E_ADVISORY_TOO_LARGE', {
    message: { zh: `通告中的产品条目过多(${count} 条,上限 ${MAX_PRODUCTS} 条),请分批导入`, en: `Too many product entries (${count}; at most ${MAX_PRODUCTS}); import in parts` },
    details: { count, max: MAX_PRODUCTS },
  });
}

/** Clips untrusted text for a message or a stored field. */
export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
