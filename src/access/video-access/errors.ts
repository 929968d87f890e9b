/** Domain errors of video access (playback, live, export). */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../shared/errors.ts';

export function playbackTooDeep(depthHours: number, earliest: string, roleName: string): ForbiddenError {
  return new ForbiddenError('E_PLAYBACK_DEPTH', {
    article: '16',
    message: {
      zh: `角色“${roleName}”只能回放最近 ${depthHours} 小时的录像;更早的录像须关联事件、调取申请或保全(basis)`,
      en: `Role "${roleName}" may play back only the last ${depthHours} h; older footage needs a basis (incident, request or hold)`,
    },
    details: { playbackDepthHours: depthHours, earliest },
  });
}

export function playbackInFuture(from: string, now: string): ForbiddenError {
  return new ForbiddenError('E_PLAYBACK_IN_FUTURE', {
    article: '16',
    message: {
      zh: '回放只能调阅已经录制的录像(截至当前时间);实时视频须经实时调阅(LIVE)权限',
      en: 'Playback covers only what has been recorded up to now; live video needs a live view (LIVE)',
    },
    details: { from, now },
  });
}

export function timeRangeInvalid(from: string, to: string): InvalidError {
  return new InvalidError('E_TIME_RANGE_INVALID', {
    message: { zh: '时间范围无效:开始时间须早于结束时间', en: 'Invalid time range: from must be before to' },
    details: { from, to },
  });
}

export function exportRequestNotFound(id: string): NotFoundError {
  return new NotFoundError('E_EXPORT_REQUEST_NOT_FOUND', { message: { zh: `导出申请不存在:${id}`, en: `No export request ${id}` }, details: { id } });
}

export function selfApproval(id: string): ConflictError {
  return new ConflictError('E_SELF_APPROVAL', {
    article: '16',
    message: { zh: '不得审批本人提出的导出申请(双人审批)', en: 'No one may decide on their own export request (four eyes)' },
    details: { id },
  });
}

export function notPending(id: string, status: string): ConflictError {
  return new ConflictError('E_EXPORT_REQUEST_NOT_PENDING', {
    message: { zh: `该导出申请已处理(${status}),不能再审批`, en: `This export request has already been decided (${status})` },
    details: { id, status },
  });
}

export function approvalRequired(id: string, status: string): ConflictError {
  return new ConflictError('E_APPROVAL_REQUIRED', {
    article: '16',
    message: { zh: '导出须经另一名人员审批同意后方可进行', en: 'An export needs the approval of a second person first' },
    details: { id, status },
  });
}

export function notRequester(id: string): ForbiddenError {
  return new ForbiddenError('E_EXPORT_REQUEST_NOT_YOURS', {
    message: { zh: '只有提出申请的人员可以使用该导出审批', en: 'Only the person who requested this export may carry it out' },
    details: { id },
  });
}

export function segmentNotFound(id: string): NotFoundError {
  return new NotFoundError('E_SEGMENT_NOT_FOUND', { message: { zh: `录像片段不存在:${id}`, en: `No segment ${id}` }, details: { id } });
}

/** REG-23-1: no external provision without a registered basis (23(1)). */
export function exportBasisRequired(): InvalidError {
  return new InvalidError('E_EXPORT_BASIS_REQUIRED', {
    article: '23(1)',
    message: {
      zh: '导出须关联登记在案的依据(国家机关调取申请、公开发布、内部事件或保全等),不存在无依据的“下载”',
      en: 'Every export must name a registered basis (state-organ request, public release, internal incident, hold…); there is no generic download',
    },
  });
}

