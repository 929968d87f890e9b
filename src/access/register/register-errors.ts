/** The register's domain errors (codes are stable; the UI translates them). */
import { ConflictError, ForbiddenError, InvalidError, NotAllowedError, NotFoundError } from '../../shared/errors.ts';

export function entryNotFound(id: string): NotFoundError {
  return new NotFoundError('E_REGISTER_ENTRY_NOT_FOUND', {
    message: { zh: `登记记录不存在:${id}`, en: `No register entry ${id}` },
    details: { id },
  });
}

export function registerImmutable(): NotAllowedError {
  return new NotAllowedError('E_REGISTER_IMMUTABLE', {
    article: '16',
    message: {
      zh: '信息调用登记如实记录、不可修改或删除;结束一次调阅请使用“结束”操作,它追加一条结束记录',
      en: 'Register entries are truthful records and cannot be changed or deleted; closing an access appends a CLOSE entry',
    },
  });
}

export function notEntryOwner(id: string): ForbiddenError {
  return new ForbiddenError('E_NOT_ENTRY_OWNER', {
    message: { zh: '只有调阅人本人可以结束这次调阅', en: 'Only the person who opened this access can close it' },
    details: { id },
  });
}

export function entryNotClosable(id: string, why: 'ALREADY_CLOSED' | 'NOT_AN_ACCESS'): ConflictError {
  return new ConflictError(why === 'ALREADY_CLOSED' ? 'E_ENTRY_ALREADY_CLOSED' : 'E_ENTRY_NOT_CLOSABLE', {
    message:
      why === 'ALREADY_CLOSED'
        ? { zh: `这次调阅已经结束:${id}`, en: `This access is already closed: ${id}` }
        : { zh: `只有调阅记录可以结束:${id}`, en: `Only an ACCESS entry can be closed: ${id}` },
    details: { id },
  });
}

export function exportTooLarge(count: number, max: number): InvalidError {
  return new InvalidError('E_REGISTER_EXPORT_TOO_LARGE', {
    message: { zh: `符合条件的登记记录有 ${count} 条,超过单次导出上限 ${max} 条,请缩小筛选范围`, en: `${count} entries match, more than the ${max} one export holds; narrow the filter` },
    details: { count, max },
  });
}
