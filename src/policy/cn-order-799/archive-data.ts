/**
 * Pack data for art. 11 (build to standards, keep the archive). The standards list is a pick-list
 * for STANDARDS_APPLIED documents, not a closed set: local and industry standards are accepted too.
 * Entries marked `verify` are examples still to be checked by counsel against the current editions.
 */
import type { LocalizedText } from '../../shared/errors.ts';

export interface StandardEntry {
  code: string;
  title: LocalizedText;
  verify: boolean;
}

export const ARCHIVE_STANDARDS: readonly StandardEntry[] = [
  { code: 'GB 50348-2018', title: { zh: '安全防范工程技术标准', en: 'Technical standard for security engineering' }, verify: true },
  { code: 'GB 50395-2007', title: { zh: '视频安防监控系统工程设计规范', en: 'Code for design of video surveillance systems engineering' }, verify: true },
  {
    code: 'GB/T 28181-2022',
    title: { zh: '公共安全视频监控联网系统信息传输、交换、控制技术要求', en: 'Technical requirements for information transport, switch and control in video surveillance networking systems for public security' },
    verify: true,
  },
];

/**
 * AMB-14: archives are kept for the system's life plus this many years after it is decommissioned
 * ("依法保存", art. 11). Counsel may align it with the archive rules.
 */
export const ARCHIVE_RETENTION_YEARS_AFTER_DECOMMISSION = 5;

/** The document type whose presence lets a system be put into use (REG-11-1). */
export const ACCEPTANCE_DOCUMENT_TYPE = 'ACCEPTANCE';
