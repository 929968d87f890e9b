/** The retention module's refusals, each with a stable code (and the article where a rule applies). */
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.ts';

export const notFound = (kind: 'hold' | 'purpose link' | 'order' | 'camera', id: string): NotFoundError => {
  const zh = { hold: '保全', 'purpose link': '目的关联', order: '删除命令', camera: '摄像机' }[kind];
  const code = { hold: 'E_HOLD_NOT_FOUND', 'purpose link': 'E_PURPOSE_LINK_NOT_FOUND', order: 'E_ORDER_NOT_FOUND', camera: 'E_CAMERA_NOT_FOUND' }[kind];
  return new NotFoundError(code, { message: { zh: `未找到${zh}:${id}`, en: `No ${kind} with id ${id}` }, details: { id } });
};

export const holdReleased = (id: string): ConflictError =>
  new ConflictError('E_HOLD_RELEASED', { article: '17', message: { zh: `保全 ${id} 已解除`, en: `Hold ${id} is already released` }, details: { id } });

export const purposeClosed = (id: string): ConflictError =>
  new ConflictError('E_PURPOSE_LINK_CLOSED', { article: '17', message: { zh: `目的关联 ${id} 已关闭`, en: `Purpose link ${id} is already closed` }, details: { id } });

export const rangeInvalid = (detail: string): InvalidError =>
  new InvalidError('E_RANGE_INVALID', { message: { zh: `时间范围无效:${detail}`, en: `Invalid time range: ${detail}` }, details: { detail } });

export const orderExecuted = (id: string): ConflictError =>
  new ConflictError('E_ORDER_EXECUTED', { article: '26', message: { zh: `删除命令 ${id} 已执行`, en: `Order ${id} has already been executed` }, details: { id } });

export const documentNoTaken = (documentNo: string): ConflictError =>
  new ConflictError('E_ORDER_DOCUMENT_NO_TAKEN', { message: { zh: `文书编号 ${documentNo} 已登记`, en: `An order with document number ${documentNo} is already recorded` }, details: { documentNo } });

export const alreadyApproved = (id: string, by: string): ConflictError =>
  new ConflictError('E_ALREADY_APPROVED', { article: '26', message: { zh: `${by} 已批准删除命令 ${id}`, en: `${by} has already approved order ${id}` }, details: { id, by } });

export const secondApproverRequired = (id: string, approvals: number): ConflictError =>
  new ConflictError('E_SECOND_APPROVER_REQUIRED', {
    article: '26',
    message: { zh: `执行删除命令 ${id} 须两名不同的审批人`, en: `Executing order ${id} needs two different approvers` },
    details: { id, approvals, required: 2 },
  });

export const recorderApproval = (id: string, by: string): ConflictError =>
  new ConflictError('E_SELF_APPROVAL', {
    article: '26',
    message: { zh: `登记删除命令 ${id} 的人不得批准该命令`, en: `${by} recorded order ${id} and so cannot approve it` },
    details: { id, by },
  });
