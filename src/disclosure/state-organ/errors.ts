/** Domain errors of state-organ requests (art. 20). */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../shared/errors.ts';
import type { ScopeRange } from './model.ts';

export const legalBasisDocRequired = (): InvalidError =>
  new InvalidError('E_LEGAL_BASIS_DOC_REQUIRED', {
    article: '20',
    message: {
      zh: '国家机关调取视频图像须附法律依据文书(如调取证据通知书:文书类型、文号、日期及扫描件)',
      en: 'A state organ’s request needs its legal-basis document (e.g. 调取证据通知书: type, number, date and the scan)',
    },
  });

export const requestNotFound = (id: string): NotFoundError =>
  new NotFoundError('E_STATE_ORGAN_REQUEST_NOT_FOUND', { message: { zh: `国家机关调取申请不存在:${id}`, en: `No state-organ request ${id}` }, details: { id } });

export const handoverNotFound = (id: string): NotFoundError =>
  new NotFoundError('E_HANDOVER_NOT_FOUND', { message: { zh: `移交记录不存在:${id}`, en: `No hand-over ${id}` }, details: { id } });

export const documentNotFound = (id: string): NotFoundError =>
  new NotFoundError('E_STATE_ORGAN_DOCUMENT_NOT_FOUND', { message: { zh: `文书不存在:${id}`, en: `No document ${id}` }, details: { id } });

export const outOfRequestScope = (requestId: string, range: { cameraId: string; from: string; to: string }): ForbiddenError =>
  new ForbiddenError('E_OUT_OF_REQUEST_SCOPE', {
    article: '20',
    message: {
      zh: `所请求的摄像机或时段超出国家机关调取申请 ${requestId} 批准的范围;扩大范围须以新的法律文书申请变更`,
      en: `The camera or time range lies outside the approved scope of state-organ request ${requestId}; a wider scope needs an amendment with a new document`,
    },
    details: { requestId, ...range },
  });

export const emergencyDocsOverdue = (requestId: string, docsDueAt: string): ForbiddenError =>
  new ForbiddenError('E_EMERGENCY_DOCS_OVERDUE', {
    article: '20',
    message: {
      zh: `紧急调取 ${requestId} 的法律文书未在期限(${docsDueAt})内补交,依该申请的调阅已暂停`,
      en: `The documents of emergency request ${requestId} were due by ${docsDueAt} and have not arrived: access under it is suspended`,
    },
    details: { requestId, docsDueAt },
  });

export const emergencyWindowEnded = (requestId: string, accessUntil: string): ForbiddenError =>
  new ForbiddenError('E_EMERGENCY_WINDOW_ENDED', {
    article: '20',
    message: { zh: `紧急调取 ${requestId} 的口头批准时限已于 ${accessUntil} 届满`, en: `The verbal approval of emergency request ${requestId} ended at ${accessUntil}` },
    details: { requestId, accessUntil },
  });

export const selfApproval = (id: string): ConflictError =>
  new ConflictError('E_SELF_APPROVAL', {
    article: '20',
    message: { zh: '不得审批本人登记的国家机关调取申请(双人审批)', en: 'No one may approve a state-organ request they entered (four eyes)' },
    details: { id },
  });

export const notDesignatedApprover = (id: string, approver: string): ForbiddenError =>
  new ForbiddenError('E_NOT_DESIGNATED_APPROVER', {
    article: '20',
    message: { zh: '该申请须由本单位指定的审批人审批', en: 'This request must be approved by the unit’s designated approver' },
    details: { id, designatedApprover: approver },
  });

export const wrongStatus = (id: string, status: string, expected: string): ConflictError =>
  new ConflictError('E_STATE_ORGAN_REQUEST_STATUS', {
    message: { zh: `该申请当前状态为 ${status},此操作需要 ${expected}`, en: `The request is ${status}; this needs ${expected}` },
    details: { id, status, expected },
  });

export const verbalOnlyForEmergency = (id: string): InvalidError =>
  new InvalidError('E_VERBAL_APPROVAL_EMERGENCY_ONLY', {
    article: '20',
    message: { zh: '只有处置突发事件的紧急调取可以口头批准,其余须先附法律文书', en: 'Only an emergency request may be approved verbally; any other needs its document first' },
    details: { id },
  });

export const scanInvalid = (detail: string): InvalidError =>
  new InvalidError('E_SCAN_INVALID', { message: { zh: `文书扫描件无效:${detail}`, en: `Invalid document scan: ${detail}` }, details: { detail } });

export const signatureRequired = (): InvalidError =>
  new InvalidError('E_RECEIPT_SIGNATURE_REQUIRED', {
    article: '20',
    message: { zh: '须上传接收民警签字的回执扫描件,或登记签字人和签字时间', en: 'Upload the receipt the officer signed, or record who signed and when' },
  });

export const scopeRangeInvalid = (range: ScopeRange): InvalidError =>
  new InvalidError('E_TIME_RANGE_INVALID', { message: { zh: '调取范围的时段无效:开始须早于结束', en: 'A scope range must start before it ends' }, details: { ...range } });
