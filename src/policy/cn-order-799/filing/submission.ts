/**
 * Checks before a filing is submitted (REG-14-5 truthfulness, REG-05-1 authority). Pure: returns every
 * problem with a stable code; `assertSubmission` throws the first as a domain error.
 */
import type { RegistrySnapshot } from '../../../registry/snapshot.ts';
import { ConflictError, InvalidError, type LocalizedText } from '../../../shared/errors.ts';
import { filingDataset, type FilingDataset } from './dataset-schema.ts';
import { buildFilingDataset, filingDatasetHash } from './dataset.ts';
import { diffFilingDatasets } from './diff.ts';
import { validateUscc } from '../uscc.ts';
import { validateAdminDivisionCode } from '../rules/admin-division.ts';
import { fieldLabel } from './labels.ts';

export interface Attestation {
  /** The named person who answers for the truth of the filing (art. 14.2). */
  responsiblePerson: string;
  position?: string;
}

export interface SubmissionIssue {
  code: string;
  article: string;
  /** INVALID: the submission itself is wrong (422); PRECONDITION: the registry's state refuses it (409). */
  refusal: 'INVALID' | 'PRECONDITION';
  message: LocalizedText;
  penaltyRef?: string;
  details?: Record<string, unknown>;
}

export interface SubmissionCheck {
  ok: boolean;
  issues: SubmissionIssue[];
  /** The dataset that would be submitted (the edited one when given, else the live one). */
  dataset: FilingDataset;
}

export interface SubmissionOptions {
  at: Date | string;
  /** A draft with manual edits; defaults to the dataset built live from the registry. */
  dataset?: FilingDataset;
}

const RETENTION_FIELDS = ['storagePeriodDays', 'configuredStoragePeriodDays', 'storagePeriodByCamera'];

export function checkSubmission(snapshot: RegistrySnapshot, siteId: string, attestation: Attestation | null | undefined, options: SubmissionOptions): SubmissionCheck {
  const live = buildFilingDataset(snapshot, siteId, options.at);
  const dataset = options.dataset ?? live;
  const site = snapshot.sites.find((s) => s.id === siteId);
  const unit = snapshot.units.find((u) => u.id === site?.unitId);
  const issues: SubmissionIssue[] = [];
  const add = (code: string, article: string, refusal: SubmissionIssue['refusal'], zh: string, en: string, details?: Record<string, unknown>): void => {
    issues.push({ code, article, refusal, message: { zh, en }, ...(details ? { details } : {}) });
  };

  if (!attestation?.responsiblePerson.trim()) {
    add('E_ATTESTATION_REQUIRED', '14', 'INVALID', '提交备案须由具名责任人声明对备案信息的真实性负责。', 'A named responsible person must attest that the filing is true.');
  }
  if (site && site.placeCategory === 'A33_NON_PUBLIC') {
    add('E_FILING_NOT_APPLICABLE', '14', 'PRECONDITION', '非公共场所的系统不适用第十四条备案。', 'Art. 14 filing does not apply to a non-public place.');
  }
  if (site && !site.active) add('E_SITE_INACTIVE', '14', 'PRECONDITION', '该系统已停用。', 'The system is inactive.');

  const code = live.location.adminDivisionCode;
  const codeProblem = validateAdminDivisionCode(code);
  if (codeProblem === 'E_ADMIN_DIVISION_FORMAT') {
    add(codeProblem, '5', 'INVALID', `行政区划代码“${code}”应为6位数字。`, `Administrative division code "${code}" must be six digits.`, { adminDivisionCode: code });
  } else if (codeProblem === 'E_COUNTY_LEVEL_CODE_REQUIRED') {
    add(codeProblem, '5', 'INVALID', `行政区划代码“${code}”不是县级代码,备案应向所在地县级公安机关办理。`, `Code "${code}" is not county level; filings go to the county-level PSB.`, { adminDivisionCode: code });
  } else if (!live.filingAuthority) {
    add('E_FILING_AUTHORITY_UNKNOWN', '5', 'PRECONDITION', `未配置行政区划代码${code}对应的备案公安机关。`, `No filing authority is configured for code ${code}.`, { adminDivisionCode: code });
  }

  if (unit && unit.uscc === null && unit.unitType !== 'INDIVIDUAL') {
    add('E_USCC_REQUIRED', '14', 'INVALID', '单位须填写统一社会信用代码。', 'The unit needs a unified social credit code.');
  } else if (unit?.uscc && validateUscc(unit.uscc) !== null) {
    add('E_USCC_INVALID', '14', 'INVALID', `统一社会信用代码“${unit.uscc}”校验不通过。`, `Unified social credit code "${unit.uscc}" fails its check character.`, { uscc: unit.uscc });
  }
  if (!live.extras.putIntoUseDate) {
    add('E_PUT_INTO_USE_DATE_REQUIRED', '14', 'PRECONDITION', '系统尚无投入使用日期。', 'The system has no put-into-use date.');
  }
  if (live.cameraTotal === 0) add('E_NO_CAMERAS', '14', 'PRECONDITION', '系统没有登记图像采集设备。', 'The system has no cameras registered.');
  if (snapshot.filings.some((f) => f.siteId === siteId && f.status === 'SUBMITTED')) {
    add('E_FILING_IN_PROGRESS', '14', 'PRECONDITION', '该系统已有提交中的备案,请等待回执或退回。', 'A filing of this system is already submitted; wait for its receipt or return.');
  }

  if (options.dataset) checkEditedDataset(options.dataset, live, add);
  return { ok: issues.length === 0, issues, dataset };
}

type Add = (code: string, article: string, refusal: SubmissionIssue['refusal'], zh: string, en: string, details?: Record<string, unknown>) => void;

function checkEditedDataset(dataset: FilingDataset, live: FilingDataset, add: Add): void {
  const parsed = filingDataset.safeParse(dataset);
  if (!parsed.success) {
    add('E_FILING_DATASET_INVALID', '14', 'INVALID', '备案数据格式不正确。', 'The filing dataset is malformed.', { issues: parsed.error.issues });
    return;
  }
  if (dataset.siteId !== live.siteId) add('E_FILING_DATASET_INVALID', '14', 'INVALID', '备案数据不属于该系统。', 'The dataset belongs to another system.');
  if (filingDatasetHash(dataset) !== dataset.sha256) {
    add('E_FILING_HASH_MISMATCH', '14', 'INVALID', '备案数据的哈希值与内容不符。', "The dataset's hash does not match its content.");
  }
  const diff = diffFilingDatasets(live, dataset);
  const retention = Object.keys(diff).filter((p) => RETENTION_FIELDS.includes(p));
  if (retention.length > 0) {
    add(
      'E_FILING_RETENTION_MISMATCH',
      '14',
      'INVALID',
      `备案的存储期限(${dataset.storagePeriodDays}日)与系统实际设定的存储期限(${live.storagePeriodDays}日)不一致,不得提交。`,
      `The filed storage period (${dataset.storagePeriodDays} days) differs from the configured retention (${live.storagePeriodDays} days).`,
      { filed: dataset.storagePeriodDays, configured: live.storagePeriodDays, fields: retention },
    );
  }
  const unexplained = Object.keys(diff).filter((p) => !RETENTION_FIELDS.includes(p) && typeof dataset.provenance[p] !== 'object');
  if (unexplained.length > 0) {
    add(
      'E_MANUAL_EDIT_REASON_REQUIRED',
      '14',
      'INVALID',
      `以下字段与系统登记数据不一致且未说明修改理由:${unexplained.map((p) => fieldLabel(p).zh).join('、')}。`,
      `These fields differ from the registry without a recorded reason: ${unexplained.join(', ')}.`,
      { fields: unexplained },
    );
  }
}

/** Throws the first problem as a domain error (InvalidError before ConflictError), else returns the dataset. */
export function assertSubmission(snapshot: RegistrySnapshot, siteId: string, attestation: Attestation | null | undefined, options: SubmissionOptions): FilingDataset {
  const check = checkSubmission(snapshot, siteId, attestation, options);
  const first = check.issues.find((i) => i.refusal === 'INVALID') ?? check.issues[0];
  if (!first) return check.dataset;
  const opts = { article: first.article, message: first.message, details: { ...first.details, issues: check.issues.map((i) => i.code) } };
  throw first.refusal === 'INVALID' ? new InvalidError(first.code, opts) : new ConflictError(first.code, opts);
}
