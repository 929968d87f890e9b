/** Arts. 26–32 as versioned pack data (amounts in RMB; '以下'/'以上' include the figure, Civil Code art. 1259). */
import type { LocalizedText } from '../../shared/errors.ts';

export type PenaltyTrigger = 'IMMEDIATE' | 'ON_REFUSAL' | 'ON_REFUSAL_OR_SERIOUS';

/** `min` is absent where the statute gives only a ceiling (AMB-21). */
export interface AmountRange {
  min?: number;
  max: number;
}

export interface PenaltyFlags {
  confiscation: boolean;
  deleteFootage: boolean;
  warning: boolean;
  publicSecurityAdminPenaltyPossible: boolean;
  criminalPossible: boolean;
  stateSecretLawsPossible: boolean;
  licenceActionPossible: boolean;
  orderToCorrectOnly: boolean;
  /** Amounts come from other laws (CSL, DSL, PIPL) and are not part of this table. */
  externalLaw: boolean;
  disciplinary: boolean;
}

export interface PenaltyRow {
  penaltyRef: string;
  violation: LocalizedText;
  measures: LocalizedText[];
  /** null where Order 799 sets no fine. */
  trigger: PenaltyTrigger | null;
  individual: AmountRange | null;
  unit: AmountRange | null;
  perPerson: AmountRange | null;
  flags: PenaltyFlags;
}

export interface PenaltyTable {
  version: string;
  effectiveFrom: string;
  rows: PenaltyRow[];
  /** Finding codes mapped to a row when the finding carries no penaltyRef. */
  codes: Record<string, string>;
}

const NO_FLAGS: PenaltyFlags = {
  confiscation: false,
  deleteFootage: false,
  warning: false,
  publicSecurityAdminPenaltyPossible: false,
  criminalPossible: false,
  stateSecretLawsPossible: false,
  licenceActionPossible: false,
  orderToCorrectOnly: false,
  externalLaw: false,
  disciplinary: false,
};

const m = (zh: string, en: string): LocalizedText => ({ zh, en });
const ORDER_TO_CORRECT = m('责令改正', 'order to correct');
const CONFISCATE = m('没收相关设备设施', 'confiscation of the equipment');
const DELETE = m('删除所收集的视频图像信息', 'deletion of the footage collected');

export const PENALTY_TABLES: readonly PenaltyTable[] = [
  {
    version: 'CN-PSVS-2025',
    effectiveFrom: '2025-04-01T00:00:00+08:00',
    rows: [
      {
        penaltyRef: '26',
        violation: m('违反第七条第三款、第九条第一款规定安装', 'installation by an unauthorised party (arts. 7.3, 9.1)'),
        measures: [m('责令限期改正', 'order to correct within a time limit'), DELETE, m('拒不改正的,没收相关设备设施', 'confiscation on refusal to correct')],
        trigger: 'ON_REFUSAL',
        individual: { max: 5000 },
        unit: { max: 20000 },
        perPerson: { max: 5000 },
        flags: { ...NO_FLAGS, confiscation: true, deleteFootage: true },
      },
      {
        penaltyRef: '27.1',
        violation: m('违反第八条第一款规定在禁止区域、部位安装', 'installation in a prohibited zone (art. 8.1)'),
        measures: [CONFISCATE, DELETE],
        trigger: 'IMMEDIATE',
        individual: { min: 5000, max: 10000 },
        unit: { min: 10000, max: 20000 },
        perPerson: { min: 5000, max: 10000 },
        flags: { ...NO_FLAGS, confiscation: true, deleteFootage: true, publicSecurityAdminPenaltyPossible: true, criminalPossible: true },
      },
      {
        penaltyRef: '27.2',
        violation: m('未履行第八条第二款规定的日常管理和检查义务', 'daily management and inspection duty not performed (art. 8.2)'),
        measures: [ORDER_TO_CORRECT],
        trigger: 'ON_REFUSAL_OR_SERIOUS',
        individual: { min: 5000, max: 10000 },
        unit: { min: 10000, max: 20000 },
        perPerson: { min: 5000, max: 10000 },
        flags: { ...NO_FLAGS, licenceActionPossible: true },
      },
      {
        penaltyRef: '28',
        violation: m('未依照第十条规定征得涉密单位同意安装', 'installation without the confidential unit’s consent (art. 10)'),
        measures: [CONFISCATE, DELETE],
        trigger: 'IMMEDIATE',
        individual: { min: 5000, max: 10000 },
        unit: { min: 10000, max: 20000 },
        perPerson: { min: 5000, max: 10000 },
        flags: { ...NO_FLAGS, confiscation: true, deleteFootage: true, stateSecretLawsPossible: true, criminalPossible: true },
      },
      {
        penaltyRef: '29',
        violation: m('未依照第十四条规定备案或者提供虚假备案信息', 'no filing or a false filing (art. 14)'),
        measures: [m('责令限期改正', 'order to correct within a time limit')],
        trigger: 'ON_REFUSAL',
        individual: { max: 10000 },
        unit: { max: 10000 },
        perPerson: null,
        flags: NO_FLAGS,
      },
      {
        penaltyRef: '30',
        violation: m('擅自改动、迁移、拆除第七条设备设施或者妨碍其正常运行', 'altering, moving or removing art. 7 equipment, or obstructing it (art. 23(2))'),
        measures: [ORDER_TO_CORRECT, m('警告', 'warning')],
        trigger: 'ON_REFUSAL_OR_SERIOUS',
        individual: { max: 5000 },
        unit: { min: 5000, max: 10000 },
        perPerson: { max: 5000 },
        flags: { ...NO_FLAGS, warning: true },
      },
      {
        penaltyRef: '13',
        violation: m('未设置显著提示标识', 'no conspicuous sign (art. 13)'),
        measures: [ORDER_TO_CORRECT],
        trigger: null,
        individual: null,
        unit: null,
        perPerson: null,
        flags: { ...NO_FLAGS, orderToCorrectOnly: true },
      },
      {
        penaltyRef: '31',
        violation: m('违反网络安全、数据安全、个人信息保护义务,或者非法提供、公开传播', 'network, data or personal-information duties, or illegal provision or dissemination'),
        measures: [m('依照网络安全法、数据安全法、个人信息保护法处罚', 'penalties under the CSL, DSL and PIPL')],
        trigger: null,
        individual: null,
        unit: null,
        perPerson: null,
        flags: { ...NO_FLAGS, externalLaw: true, publicSecurityAdminPenaltyPossible: true, criminalPossible: true },
      },
      {
        penaltyRef: '32',
        violation: m('公安机关等国家机关工作人员违法履职', 'misconduct by PSB or other state-organ staff'),
        measures: [m('依法给予处分', 'disciplinary sanctions')],
        trigger: null,
        individual: null,
        unit: null,
        perPerson: null,
        flags: { ...NO_FLAGS, disciplinary: true, criminalPossible: true },
      },
    ],
    codes: {
      E_UNAUTHORIZED_INSTALLER: '26',
      E_CONTRACTOR_COMMISSION_EXPIRED: '26',
      E_PROHIBITED_ZONE: '27.1',
      E_FOV_INTO_PROHIBITED_ZONE: '27.1',
      E_AUDIO_NEAR_PROHIBITED_ZONE: '27.1',
      INSPECTION_OVERDUE: '27.2',
      E_CONFIDENTIAL_CONSENT_REQUIRED: '28',
      E_CONSENT_NOT_PRIOR: '28',
      CONSENT_NOT_PRIOR: '28',
      CONSENT_SCOPE_INVALIDATED: '28',
      FILING_OVERDUE: '29',
      CHANGE_FILING_REQUIRED: '29',
      E_RETENTION_BELOW_MINIMUM: '31',
      SIGNAGE_MISSING: '13',
      E_SIGNAGE_MISSING: '13',
      E_SIGN_EVIDENCE_REQUIRED: '13',
    },
  },
];

export function penaltyTableAt(at: Date): PenaltyTable | null {
  let found: PenaltyTable | null = null;
  for (const t of PENALTY_TABLES) {
    if (Date.parse(t.effectiveFrom) <= at.getTime() && (!found || Date.parse(t.effectiveFrom) > Date.parse(found.effectiveFrom))) found = t;
  }
  return found;
}

/** Filing codes with no art. 29 exposure: art. 9.2 lifts the filing duty (REG-09-2). */
const NO_FILING_EXPOSURE = new Set(['FILING_NOT_REQUIRED']);

/** The row for a finding: its own penaltyRef first, then its code; every other FILING_* code maps to art. 29. */
export function penaltyRowFor(table: PenaltyTable, finding: { code: string; penaltyRef?: string }): PenaltyRow | null {
  const filing = finding.code.startsWith('FILING_') && !NO_FILING_EXPOSURE.has(finding.code);
  const ref = finding.penaltyRef ?? table.codes[finding.code] ?? (filing ? '29' : undefined);
  return table.rows.find((r) => r.penaltyRef === ref) ?? null;
}
