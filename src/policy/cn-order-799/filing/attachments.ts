/**
 * REG-14-6: pack data from local PSB filing notices (e.g. 张掖市公安局, 蕉岭县公安局, 2025): the national
 * filing platform and the attachments a filing carries with 《公共安全视频图像信息系统备案基本信息表》.
 */
import type { LocalizedText } from '../../../shared/errors.ts';

export const FILING_FORM_TITLE = '公共安全视频图像信息系统备案基本信息表';
export const FILING_PLATFORM = { name: '公共安全视频图像信息系统备案平台', host: 'psvs.mps.gov.cn' } as const;

export const FILING_ATTACHMENT_TYPES = ['AUTHORIZATION_LETTER', 'BUSINESS_LICENSE', 'LEGAL_PERSON_CERTIFICATE', 'AGENT_ID'] as const;
export type FilingAttachmentType = (typeof FILING_ATTACHMENT_TYPES)[number];

export const FILING_ATTACHMENT_LABELS: Record<FilingAttachmentType, LocalizedText> = {
  AUTHORIZATION_LETTER: { zh: '授权委托书(加盖单位公章)', en: 'Letter of authorisation (with the unit seal)' },
  BUSINESS_LICENSE: { zh: '营业执照或统一社会信用代码证书复印件', en: 'Business licence or USCC certificate (copy)' },
  LEGAL_PERSON_CERTIFICATE: { zh: '法人登记证书', en: 'Legal-person registration certificate' },
  AGENT_ID: { zh: '经办人身份证件', en: "Handling agent's identity document" },
};

export interface AttachmentChecklistItem {
  type: FilingAttachmentType;
  label: LocalizedText;
  present: boolean;
}

export function attachmentChecklist(present: Partial<Record<FilingAttachmentType, boolean>> = {}): AttachmentChecklistItem[] {
  return FILING_ATTACHMENT_TYPES.map((type) => ({ type, label: FILING_ATTACHMENT_LABELS[type], present: present[type] === true }));
}
