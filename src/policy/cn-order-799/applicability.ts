/** The §1.0 applicability matrix (art. 9.2 and art. 33) as versioned pack data. */
import type { CategoryClass } from './place-categories.ts';
export { categoryClass, type CategoryClass } from './place-categories.ts';

export type Applicability =
  | 'MANDATORY'
  | 'ADVISORY'
  | 'ADVISORY_PLUS_BASELINE'
  | 'BASELINE'
  | 'NOT_APPLICABLE'
  | 'GENERAL_LAW'
  | 'OPTIONAL'
  | 'VIA_ART_33';

export interface MatrixRow {
  /** The duty's article, e.g. '16.2'. */
  article: string;
  duty: string;
  A7: Applicability;
  A9: Applicability;
  A33: Applicability;
}

export interface ApplicabilityMatrix {
  version: string;
  effectiveFrom: string;
  rows: MatrixRow[];
  /** Which category classes each rule runs in (REG-09-2: "every rule carries its tags"). */
  ruleClasses: Record<string, CategoryClass[]>;
}

const A7_A9: CategoryClass[] = ['A7', 'A9'];

export const APPLICABILITY_MATRICES: readonly ApplicabilityMatrix[] = [
  {
    version: 'CN-PSVS-2025',
    effectiveFrom: '2025-04-01T00:00:00+08:00',
    rows: [
      { article: '7.3', duty: 'installer must be the management unit', A7: 'MANDATORY', A9: 'NOT_APPLICABLE', A33: 'NOT_APPLICABLE' },
      { article: '8.1', duty: 'prohibited zones', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'ADVISORY' },
      { article: '8.2', duty: 'inspection and report', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'NOT_APPLICABLE' },
      { article: '9.1', duty: 'installer must hold the security-precaution duty', A7: 'NOT_APPLICABLE', A9: 'MANDATORY', A33: 'NOT_APPLICABLE' },
      { article: '10', duty: 'prior consent near confidential units', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'ADVISORY' },
      { article: '11', duty: 'standards and archives', A7: 'MANDATORY', A9: 'ADVISORY', A33: 'NOT_APPLICABLE' },
      { article: '12', duty: 'product compliance and vulnerabilities', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'ADVISORY' },
      { article: '13', duty: 'placement and conspicuous signage', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'ADVISORY' },
      { article: '14', duty: 'filing', A7: 'MANDATORY', A9: 'ADVISORY', A33: 'NOT_APPLICABLE' },
      { article: '15', duty: 'security measures and entrusted operators', A7: 'MANDATORY', A9: 'ADVISORY_PLUS_BASELINE', A33: 'BASELINE' },
      { article: '16.1', duty: 'lawful use', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'VIA_ART_33' },
      { article: '16.2', duty: 'personnel, access control, access register', A7: 'MANDATORY', A9: 'ADVISORY', A33: 'NOT_APPLICABLE' },
      { article: '17', duty: 'retention of at least 30 days and deletion', A7: 'MANDATORY', A9: 'ADVISORY', A33: 'NOT_APPLICABLE' },
      { article: '18', duty: 'transmission security', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'BASELINE' },
      { article: '19', duty: 'contractor confidentiality', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'ADVISORY' },
      { article: '20', duty: 'state-organ retrieval', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'GENERAL_LAW' },
      { article: '21', duty: 'viewing by the person and relatives', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'OPTIONAL' },
      { article: '22', duty: 'protection in public dissemination', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'ADVISORY' },
      { article: '23', duty: 'prohibited acts', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'VIA_ART_33' },
      { article: '24', duty: 'inspections and reports', A7: 'MANDATORY', A9: 'MANDATORY', A33: 'NOT_APPLICABLE' },
      { article: '33', duty: 'no illegal provision or dissemination', A7: 'NOT_APPLICABLE', A9: 'NOT_APPLICABLE', A33: 'MANDATORY' },
    ],
    ruleClasses: {
      'REG-05-1': A7_A9,
      'REG-07-2': ['A7'],
      'REG-07-3': A7_A9,
      'REG-07-4': ['A7'],
      'REG-08-2': A7_A9,
      'REG-08-3': A7_A9,
      'REG-08-4': A7_A9,
      'REG-09-1': ['A9'],
      'REG-10-1': A7_A9,
      'REG-10-2': A7_A9,
      'REG-12-1': ['A7'],
      'REG-12-2': A7_A9,
      'REG-13-1': A7_A9,
      'REG-13-5': A7_A9,
      'REG-14-3': A7_A9,
      'REG-14-4': A7_A9,
      'REG-14-5': A7_A9,
      'REG-17-1': A7_A9,
      'REG-33-1': ['A33'],
      'REG-33-2': ['A33'],
    },
  },
];

/** The matrix in force at `at`, or null before the pack's commencement (REG-34-1). */
export function matrixAt(at: Date): ApplicabilityMatrix | null {
  let found: ApplicabilityMatrix | null = null;
  for (const m of APPLICABILITY_MATRICES) {
    if (Date.parse(m.effectiveFrom) <= at.getTime() && (!found || Date.parse(m.effectiveFrom) > Date.parse(found.effectiveFrom))) found = m;
  }
  return found;
}

/** Rules not listed run in public places only; art. 33 sites run only the rules tagged A33. */
export function ruleClasses(matrix: ApplicabilityMatrix, ruleId: string): CategoryClass[] {
  return matrix.ruleClasses[ruleId] ?? A7_A9;
}

/** Articles whose mandatory requirements art. 9.2 lifts for A9 sites: {11, 14, 15, 16.2, 17}. */
export function a9ExemptArticles(matrix: ApplicabilityMatrix): string[] {
  return matrix.rows.filter((r) => r.A9 === 'ADVISORY' || r.A9 === 'ADVISORY_PLUS_BASELINE').map((r) => r.article);
}

/** Whether a finding's article ('17', '14.1', '16.2(3)') falls within one of the listed articles. */
export function articleWithin(article: string, articles: readonly string[]): boolean {
  return articles.some((a) => article === a || article.startsWith(`${a}.`) || article.startsWith(`${a}(`));
}
