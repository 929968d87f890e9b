/**
 * REG-16-2: staff in important positions (监看、管理等重要岗位) need entry vetting, confidentiality
 * education, job training and a signed confidentiality agreement; training lapses after a refresh period.
 */
import { ForbiddenError, InvalidError } from '../../shared/errors.ts';
import { legalDateOf } from '../../shared/legal-time.ts';
import type { PersonRecord } from './person-model.ts';

export const PREREQUISITES = ['entryVetting', 'confidentialityEducation', 'jobTraining', 'confidentialityAgreement'] as const;
export type Prerequisite = (typeof PREREQUISITES)[number];

export const DEFAULT_TRAINING_REFRESH_MONTHS = 12;

export function missingPrerequisites(person: PersonRecord | undefined): Prerequisite[] {
  if (!person) return [...PREREQUISITES];
  const present: Record<Prerequisite, string | null> = {
    entryVetting: person.entryVettingAt,
    confidentialityEducation: person.confidentialityEducationAt,
    jobTraining: person.jobTrainingAt,
    confidentialityAgreement: person.confidentialityAgreementAt,
  };
  return PREREQUISITES.filter((p) => !present[p]);
}

/** The legal date (Asia/Shanghai) from which the person's job training no longer counts. */
export function trainingLapsesOn(jobTrainingAt: string, refreshMonths = DEFAULT_TRAINING_REFRESH_MONTHS): string {
  const [y, m, d] = jobTrainingAt.split('-').map(Number) as [number, number, number];
  const lapse = new Date(Date.UTC(y, m - 1 + refreshMonths, d + 1));
  return lapse.toISOString().slice(0, 10);
}

export function trainingLapsed(person: PersonRecord, at: Date, refreshMonths = DEFAULT_TRAINING_REFRESH_MONTHS): boolean {
  return person.jobTrainingAt !== null && legalDateOf(at) >= trainingLapsesOn(person.jobTrainingAt, refreshMonths);
}

/** Refuses granting an important-position role to someone without every prerequisite (422). */
export function requirePrerequisitesForGrant(person: PersonRecord | undefined, roleName: string): void {
  const missing = missingPrerequisites(person);
  if (missing.length === 0) return;
  throw new InvalidError('E_PERSONNEL_PREREQ', {
    article: '16.2(1)',
    message: {
      zh: `授予重要岗位角色「${roleName}」前须完成入职审查、保密教育、岗位培训并签订保密协议`,
      en: `The important-position role "${roleName}" needs entry vetting, confidentiality education, job training and a signed confidentiality agreement`,
    },
    details: { missing },
  });
}

/** Refuses video access to an important-position holder whose prerequisites are missing or lapsed (403). */
export function requirePrerequisitesForAccess(person: PersonRecord | undefined, at: Date, refreshMonths = DEFAULT_TRAINING_REFRESH_MONTHS): void {
  const missing = missingPrerequisites(person);
  if (missing.length > 0 || !person) {
    throw new ForbiddenError('E_PERSONNEL_PREREQ', {
      article: '16.2(1)',
      message: { zh: '重要岗位人员的入职审查、保密教育、岗位培训或保密协议记录不全,暂停视频访问', en: 'Video access is suspended: the personnel prerequisites are incomplete' },
      details: { missing },
    });
  }
  if (trainingLapsed(person, at, refreshMonths)) {
    throw new ForbiddenError('E_TRAINING_LAPSED', {
      article: '16.2(1)',
      message: { zh: '岗位培训已过期,视频访问已暂停,请完成复训', en: 'Job training has lapsed; video access is suspended until refresher training is recorded' },
      details: { jobTrainingAt: person.jobTrainingAt, lapsedOn: trainingLapsesOn(person.jobTrainingAt!, refreshMonths) },
    });
  }
}
