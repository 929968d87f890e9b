/** Where a finding's object lives in the UI, and which page fixes it. */
export interface SubjectRef {
  type: string;
  id: string;
  siteId?: string | undefined;
}

/** The page of the object a finding is about; undefined where the UI has no page for it. */
export function objectHref(subject: SubjectRef): string | undefined {
  switch (subject.type) {
    case 'camera':
      return `#/cameras/${encodeURIComponent(subject.id)}`;
    case 'site':
      return `#/plan/${encodeURIComponent(subject.id)}`;
    case 'filing':
      return subject.siteId ? `#/filing/${encodeURIComponent(subject.siteId)}` : undefined;
    case 'sign':
    case 'consent':
    case 'asset':
    case 'hold':
      return `#/desk/${subject.type}/${encodeURIComponent(subject.id)}`;
    default:
      return undefined;
  }
}

const FILING_CODES = new Set(['CHANGE_FILING_REQUIRED', 'FILING_DUE', 'FILING_OVERDUE', 'FILING_SUBMITTED', 'FILING_FILED', 'FILING_NOT_REQUIRED', 'FILED_FIGURE_UNTRUE']);
const SIGN_CODES = new Set(['E_SIGNAGE_MISSING', 'SIGNAGE_MISSING', 'E_SIGN_EVIDENCE_REQUIRED']);
const PERSONNEL_CODES = new Set(['PERSONNEL_PREREQ_MISSING', 'TRAINING_LAPSED']);

/** The page where the finding is fixed: the filing page, the site plan for signs, staff records, else the object. */
export function fixHref(code: string, subject: SubjectRef): string | undefined {
  const siteId = subject.type === 'site' ? subject.id : subject.siteId;
  if (FILING_CODES.has(code) && siteId) return `#/filing/${encodeURIComponent(siteId)}`;
  if (SIGN_CODES.has(code) && siteId) return `#/plan/${encodeURIComponent(siteId)}`;
  if (PERSONNEL_CODES.has(code)) return '#/persons';
  if (code === 'CORRECTIVE_ORDER_OVERDUE') return '#/corrective-orders';
  return objectHref(subject);
}
