import { z } from 'zod';
import { id, legalDate } from '../../registry/model.ts';

/** A person in a unit's staff, with the prerequisites of important positions (REG-16-2) and art. 19 undertakings. */
export const personRecord = z.object({
  id,
  /** Null only for the person behind a first administrator set up before any unit exists. */
  unitId: id.nullable(),
  name: z.string().min(1).max(100),
  /** External ID-document number, where the register needs it (REG-16-5 "等"). */
  idDocument: z.string().max(64).nullable(),
  position: z.string().max(100).nullable(),
  /** 入职审查 */
  entryVettingAt: legalDate.nullable(),
  /** 保密教育 */
  confidentialityEducationAt: legalDate.nullable(),
  /** 岗位培训 */
  jobTrainingAt: legalDate.nullable(),
  /** 保密协议 signed on, and the reference of the signed document. */
  confidentialityAgreementAt: legalDate.nullable(),
  confidentialityAgreementRef: z.string().max(200).nullable(),
  /** 个人保密承诺 of a contractor's staff (REG-19-1). */
  contractorUndertakingAt: legalDate.nullable(),
  active: z.boolean(),
});
export type PersonRecord = z.infer<typeof personRecord>;

const personFields = {
  name: z.string().trim().min(1).max(100),
  idDocument: z.string().trim().max(64).nullable().default(null),
  position: z.string().trim().max(100).nullable().default(null),
  entryVettingAt: legalDate.nullable().default(null),
  confidentialityEducationAt: legalDate.nullable().default(null),
  jobTrainingAt: legalDate.nullable().default(null),
  confidentialityAgreementAt: legalDate.nullable().default(null),
  confidentialityAgreementRef: z.string().trim().max(200).nullable().default(null),
  contractorUndertakingAt: legalDate.nullable().default(null),
};

export const personCreateInput = z.strictObject({ unitId: id, ...personFields });
export const personUpdateInput = z.strictObject({
  name: personFields.name.optional(),
  idDocument: z.string().trim().max(64).nullable().optional(),
  position: z.string().trim().max(100).nullable().optional(),
  entryVettingAt: legalDate.nullable().optional(),
  confidentialityEducationAt: legalDate.nullable().optional(),
  jobTrainingAt: legalDate.nullable().optional(),
  confidentialityAgreementAt: legalDate.nullable().optional(),
  confidentialityAgreementRef: z.string().trim().max(200).nullable().optional(),
  contractorUndertakingAt: legalDate.nullable().optional(),
});
