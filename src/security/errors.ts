/** Errors of the secrets at rest: data-folder permissions and key files. */
import { ConflictError } from '../shared/errors.ts';

export function dataPermissionsUnfixable(file: string, detail: string): ConflictError {
  return new ConflictError('E_DATA_PERMISSIONS', {
    message: {
      zh: `数据文件的权限过宽且无法收紧(应仅属主可读写):${file}`,
      en: `A data file is readable by others and its permissions cannot be tightened to owner-only: ${file}`,
    },
    details: { file, detail },
  });
}

export function secretKeyUnreadable(file: string, detail: string): ConflictError {
  return new ConflictError('E_SECRET_KEY_UNREADABLE', {
    message: { zh: `密钥文件无法读取或已损坏:${file}`, en: `The key file cannot be read or is damaged: ${file}` },
    details: { file, detail },
  });
}
