/** The refusals of corrective-order work, each with a stable code (REG-24-3). */
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.ts';

export const orderNotFound = (id: string) =>
  new NotFoundError('E_ORDER_NOT_FOUND', { message: { zh: `未找到责令改正通知:${id}`, en: `No corrective order ${id}` }, details: { id } });

export const itemNotFound = (orderId: string, itemId: string) =>
  new NotFoundError('E_ORDER_ITEM_NOT_FOUND', { message: { zh: `责令改正通知 ${orderId} 中没有整改事项 ${itemId}`, en: `Corrective order ${orderId} has no item ${itemId}` }, details: { orderId, itemId } });

export const limitRequired = () =>
  new InvalidError('E_ORDER_LIMIT_REQUIRED', { message: { zh: '须填写改正期限:天数或截止日期', en: 'Give the time limit: a number of days or a due date' } });

export const limitAmbiguous = () =>
  new InvalidError('E_ORDER_LIMIT_AMBIGUOUS', { message: { zh: '改正期限只能填写天数或截止日期之一', en: 'Give either a number of days or a due date, not both' } });

export const dueBeforeIssue = (issuedOn: string, dueDate: string) =>
  new InvalidError('E_ORDER_DUE_BEFORE_ISSUE', { message: { zh: `截止日期 ${dueDate} 早于发出日期 ${issuedOn}`, en: `Due date ${dueDate} is before the date of issue ${issuedOn}` }, details: { issuedOn, dueDate } });

export const issuedInFuture = (issuedOn: string, today: string) =>
  new InvalidError('E_ORDER_ISSUED_IN_FUTURE', { message: { zh: `发出日期 ${issuedOn} 晚于今天 ${today}`, en: `Date of issue ${issuedOn} is after today ${today}` }, details: { issuedOn, today } });

export const sitesOfSeveralUnits = (unitIds: string[]) =>
  new InvalidError('E_ORDER_SITES_UNITS', { message: { zh: '一份责令改正通知只涉及一个管理单位的系统', en: 'An order concerns the sites of one unit only' }, details: { unitIds } });

export const referenceTaken = (reference: string) =>
  new ConflictError('E_ORDER_REFERENCE_TAKEN', { message: { zh: `文书编号 ${reference} 已登记`, en: `Order reference ${reference} is already recorded` }, details: { reference } });

export const itemDueAfterOrder = (position: number, itemDue: string, orderDue: string) =>
  new InvalidError('E_ORDER_ITEM_DUE_AFTER_ORDER', {
    message: { zh: `第 ${position} 项的期限 ${itemDue} 晚于通知的期限 ${orderDue}`, en: `Item ${position} is due ${itemDue}, after the order's due date ${orderDue}` },
    details: { position, itemDue, orderDue },
  });

export const findingOutsideOrder = (position: number, link: unknown) =>
  new InvalidError('E_ORDER_FINDING_OUTSIDE', { message: { zh: `第 ${position} 项关联的发现不属于通知涉及的系统`, en: `Item ${position} links a finding outside the order's sites` }, details: { position, link } });

export const taskNotFound = (position: number, kind: string, id: string) =>
  new InvalidError('E_ORDER_TASK_NOT_FOUND', { message: { zh: `第 ${position} 项关联的任务不存在或不属于通知涉及的系统:${id}`, en: `Item ${position} links an unknown task (or one outside the order's sites): ${kind} ${id}` }, details: { position, kind, id } });

export const itemClosed = (itemId: string) =>
  new ConflictError('E_ORDER_ITEM_CLOSED', { message: { zh: '该整改事项已关闭', en: 'This item is already closed' }, details: { itemId } });

export const orderClosed = (orderId: string) =>
  new ConflictError('E_ORDER_CLOSED', { message: { zh: '该责令改正通知已关闭', en: 'This order is already closed' }, details: { orderId } });

export const documentEmpty = (fileName: string) =>
  new InvalidError('E_ORDER_DOCUMENT_EMPTY', { message: { zh: `文件 ${fileName} 为空`, en: `File ${fileName} is empty` }, details: { fileName } });

export const documentTooLarge = (fileName: string, max: number) =>
  new InvalidError('E_ORDER_DOCUMENT_TOO_LARGE', { message: { zh: `文件 ${fileName} 超过 ${max} 字节`, en: `File ${fileName} is larger than ${max} bytes` }, details: { fileName, max } });
