/** The refusals of the art. 21 path, each with a stable code and article 21. */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../shared/errors.ts';
import { CLOSE_RELATIVE_SUBTYPES, PURPOSES, RELATIONSHIPS } from './model.ts';

const article = '21';

export const relationshipNotEligible = (relationship: string, subtype?: string | null) =>
  new InvalidError('E_RELATIONSHIP_NOT_ELIGIBLE', {
    article,
    message: {
      zh: `关系 ${relationship}${subtype ? `(${subtype})` : ''} 不在第二十一条所列范围内:仅限本人、《民法典》第一千零四十五条所列近亲属(${CLOSE_RELATIVE_SUBTYPES.join('、')})或负有监护、看护、代管责任的人`,
      en: `Relationship ${relationship}${subtype ? ` (${subtype})` : ''} is not eligible under art. 21: only the person, a close relative under Civil Code art. 1045, or a guardian, carer or custodian`,
    },
    details: { relationship, subtype: subtype ?? null, eligible: RELATIONSHIPS, closeRelativeSubtypes: CLOSE_RELATIVE_SUBTYPES },
  });

export const purposeNotEligible = (purpose: string) =>
  new InvalidError('E_PURPOSE_NOT_ELIGIBLE', {
    article,
    message: { zh: `目的 ${purpose} 不符合第二十一条:仅为保护自然人的生命健康、财产安全`, en: `Purpose ${purpose} is not eligible under art. 21: only to protect a natural person's life and health or property` },
    details: { purpose, eligible: PURPOSES },
  });

export const proofRequired = (relationship: string) =>
  new InvalidError('E_PROOF_REQUIRED', {
    article,
    message: { zh: '须上传身份及关系证明材料(监护、看护、代管须附决定书、合同或说明)', en: 'Upload proof of identity and relationship (a guardian, carer or custodian needs the decision, contract or note)' },
    details: { relationship },
  });

export const identityProofMissing = (id: string) =>
  new ConflictError('E_IDENTITY_PROOF_REQUIRED', {
    article,
    message: {
      zh: '该申请经公示页提交、未附身份证件:须先在窗口核验并登记申请人的身份证件,方可同意',
      en: 'This request came from the public page without an identity document: record the requester’s ID, checked at the counter, before consenting',
    },
    details: { id },
  });

export const documentTooLarge = (fileName: string, max: number) =>
  new InvalidError('E_DOCUMENT_TOO_LARGE', { message: { zh: `证明材料 ${fileName} 超过 ${max} 字节`, en: `Document ${fileName} is larger than ${max} bytes` }, details: { fileName, max } });

export const requestNotFound = (id: string) =>
  new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到查阅申请:${id}`, en: `No viewing request with id ${id}` }, details: { entityType: 'art21Request', id } });

export const notPendingConsent = (id: string, status: string) =>
  new ConflictError('E_ART21_NOT_PENDING', { article, message: { zh: `申请 ${id} 已作出决定(${status})`, en: `Request ${id} has already been decided (${status})` }, details: { id, status } });

export const notApproved = (id: string, status: string) =>
  new ConflictError('E_ART21_NOT_APPROVED', { article, message: { zh: `申请 ${id} 未获同意(${status})`, en: `Request ${id} is not approved (${status})` }, details: { id, status } });

export const selfDecision = (id: string) =>
  new ConflictError('E_SELF_APPROVAL', { article, message: { zh: '受理人不得对自己受理的申请作出决定', en: 'The person who took the intake cannot decide on it' }, details: { id } });

export const scopeRequired = () =>
  new InvalidError('E_SCOPE_REQUIRED', { article, message: { zh: '同意查阅须指定范围(摄像机及时段)', en: 'An approval needs a scope (cameras and time windows)' } });

export const reasonRequired = () =>
  new InvalidError('E_DECISION_REASON_REQUIRED', { article, message: { zh: '不同意须说明理由', en: 'A rejection needs a reason' } });

export const scopeTooBroad = (item: { cameraId: string; from: string; to: string }, earliest: string, latest: string, hours: number) =>
  new InvalidError('E_SCOPE_TOO_BROAD', {
    article,
    message: {
      zh: `范围超出所述事发时间前后 ${hours} 小时(${earliest} 至 ${latest}),须说明理由`,
      en: `The scope goes beyond ±${hours} h around the stated incident (${earliest} to ${latest}); give a justification`,
    },
    details: { ...item, earliest, latest, maxWindowHours: hours },
  });

export const scopeRangeInvalid = (item: { cameraId: string; from: string; to: string }) =>
  new InvalidError('E_TIME_RANGE_INVALID', { message: { zh: '时间范围无效', en: 'Invalid time range' }, details: item });

export const outOfApprovedScope = (item: { cameraId: string; from: string; to: string }) =>
  new ForbiddenError('E_OUT_OF_REQUEST_SCOPE', {
    article,
    message: { zh: '所请求的摄像机或时段超出已同意的查阅范围', en: 'The camera or time range is outside the approved viewing scope' },
    details: item,
  });

export const ackRequired = (id: string) =>
  new ConflictError('E_ACK_REQUIRED', {
    article,
    message: { zh: '查阅前申请人须签署不得非法对外提供或者公开传播的确认', en: 'Before viewing, the requester must acknowledge the duty not to disclose or disseminate' },
    details: { requestId: id },
  });

export const ackSignatureMismatch = (expected: string) =>
  new InvalidError('E_ACK_SIGNATURE_MISMATCH', { article, message: { zh: `签名须为申请人姓名:${expected}`, en: `The signature must be the requester's name: ${expected}` } });

export const ackTextChanged = () =>
  new ConflictError('E_ACK_TEXT_CHANGED', { article, message: { zh: '确认书文本已更新,请重新阅读后签署', en: 'The acknowledgement text has changed; read it again and sign' } });

export const sessionNotFound = (id: string) =>
  new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到查阅会话:${id}`, en: `No viewing session with id ${id}` }, details: { entityType: 'art21Session', id } });

/** 查阅, not 调取: nothing under an art. 21 basis or a view-only token leaves as a copy (REG-21-4). */
export const viewOnly = (what: 'EXPORT' | 'SNAPSHOT' | 'DOWNLOAD') =>
  new ForbiddenError('E_VIEW_ONLY', {
    article,
    message: {
      zh: '第二十一条查阅仅限观看,不得导出、截图或下载;如需复制须另有依据(第二十条调取或个人信息查阅复制)',
      en: 'Art. 21 viewing is view-only: no export, snapshot or download; a copy needs another basis (art. 20 or a PIPL access request)',
    },
    details: { operation: what },
  });
