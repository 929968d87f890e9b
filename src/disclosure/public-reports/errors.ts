/** The refusals of the public-report path (art. 24), each with a stable code. */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, PayloadTooLargeError } from '../../shared/errors.ts';
import { MAX_PHOTOS, PHOTO_MAX_BYTES } from './model.ts';

const article = '24';

/** An unknown code, or the code of a site no longer active: the same answer, nothing told. */
export const signCodeUnknown = () =>
  new NotFoundError('E_SIGN_CODE_UNKNOWN', { message: { zh: '未找到该标识二维码对应的场所', en: 'No site answers to this sign code' } });

export const referenceUnknown = () =>
  new NotFoundError('E_REPORT_REFERENCE_UNKNOWN', { message: { zh: '未找到该举报编号', en: 'No report has this reference number' } });

export const reportNotFound = (id: string) =>
  new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到举报:${id}`, en: `No public report with id ${id}` }, details: { entityType: 'publicReport', id } });

export const photoNotFound = (id: string) =>
  new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到举报照片:${id}`, en: `No report photo with id ${id}` }, details: { entityType: 'publicReportPhoto', id } });

export const photoType = () =>
  new InvalidError('E_REPORT_PHOTO_TYPE', {
    article,
    message: { zh: '照片须为 JPEG、PNG 或 WebP 图片', en: 'A photo must be a JPEG, PNG or WebP image' },
    details: { accepted: ['image/jpeg', 'image/png', 'image/webp'] },
  });

export const photoTooLarge = () =>
  new PayloadTooLargeError('E_REPORT_PHOTO_TOO_LARGE', {
    article,
    message: { zh: `每张照片不得超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MiB`, en: `Each photo may be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MiB` },
    details: { maxBytes: PHOTO_MAX_BYTES, maxPhotos: MAX_PHOTOS },
  });

export const seenInFuture = () =>
  new InvalidError('E_REPORT_SEEN_IN_FUTURE', { article, message: { zh: '发现时间不能晚于现在', en: 'The time seen cannot be in the future' } });

export const notHandler = (id: string) =>
  new ForbiddenError('E_REPORT_NOT_HANDLER', {
    article,
    message: { zh: '处理公众举报须对该场所具有管理权限(ADMINISTER)', en: 'Handling a public report needs ADMINISTER over its site' },
    details: { id },
  });

export const stepNotAllowed = (id: string, status: string, action: string) =>
  new ConflictError('E_REPORT_STEP_NOT_ALLOWED', {
    article,
    message: { zh: `举报当前状态为 ${status},不能执行 ${action}`, en: `The report is ${status}: ${action} is not possible now` },
    details: { id, status, action },
  });

export const alreadyForwarded = (id: string) =>
  new ConflictError('E_REPORT_ALREADY_FORWARDED', { article, message: { zh: '该举报已转交公安机关', en: 'This report has already been forwarded to the public security organ' }, details: { id } });

export const notForwarded = (id: string) =>
  new ConflictError('E_REPORT_NOT_FORWARDED', { article, message: { zh: '该举报尚未转交,无转交函', en: 'This report has not been forwarded: there is no forwarding letter' }, details: { id } });

export const cameraNotOfSite = (cameraId: string) =>
  new InvalidError('E_REPORT_CAMERA_NOT_OF_SITE', { article, message: { zh: '所关联的摄像机不属于该举报的场所', en: "The camera is not one of the report's site" }, details: { cameraId } });

export const authorityUnknown = () =>
  new InvalidError('E_REPORT_AUTHORITY_UNKNOWN', {
    article,
    message: { zh: '未配置该场所所在地的公安机关,请填写接收转交的公安机关名称', en: "No public security organ is configured for the site's division: name the organ that receives the report" },
  });
