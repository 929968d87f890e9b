/** Domain errors of public release (art. 22). */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../shared/errors.ts';

export function releaseNotFound(id: string): NotFoundError {
  return new NotFoundError('E_RELEASE_NOT_FOUND', { message: { zh: `公开发布记录不存在:${id}`, en: `No public release ${id}` }, details: { id } });
}

export function trackNotFound(trackId: string): NotFoundError {
  return new NotFoundError('E_TRACK_NOT_FOUND', { message: { zh: `遮挡轨迹不存在:${trackId}`, en: `No track ${trackId}` }, details: { trackId } });
}

/** REG-22-1: a public release goes out only through a redaction job (also for plain exports naming a PUBLIC_RELEASE basis). */
export function redactionRequired(details: Record<string, unknown> = {}): ConflictError {
  return new ConflictError('E_REDACTION_REQUIRED', {
    article: '22',
    message: {
      zh: '用于公开传播的视频图像须先经遮挡处理(人脸、机动车号牌、单位名称等),不能直接导出',
      en: 'Video for public release must first go through a redaction job (faces, plates, organisation names); it cannot be exported as is',
    },
    details,
  });
}

/** REG-22-1: every detection must be masked or explicitly justified. */
export function redactionIncomplete(unresolved: number, details: Record<string, unknown> = {}): ConflictError {
  return new ConflictError('E_REDACTION_INCOMPLETE', {
    article: '22',
    message: {
      zh: `尚有 ${unresolved} 个检测结果未处理:每一个都须遮挡或说明不遮挡的理由`,
      en: `${unresolved} detection(s) are unresolved: each must be masked or explicitly justified`,
    },
    details: { unresolved, ...details },
  });
}

export function signOffRequired(jobId: string): ConflictError {
  return new ConflictError('E_REDACTION_SIGN_OFF_REQUIRED', {
    article: '22',
    message: { zh: '遮挡处理须经审核人签认后方可审批和发布', en: 'The redaction needs the reviewer’s sign-off before approval and release' },
    details: { jobId },
  });
}

export function jobNotReady(jobId: string, status: string): ConflictError {
  return new ConflictError('E_REDACTION_JOB_NOT_DONE', {
    message: { zh: `遮挡检测任务尚未完成(${status})`, en: `The redaction job has not finished (${status})` },
    details: { jobId, status },
  });
}

export function jobBusy(jobId: string, status: string): ConflictError {
  return new ConflictError('E_REDACTION_JOB_RUNNING', {
    message: { zh: `已有遮挡检测任务在进行(${status})`, en: `A redaction job is already in progress (${status})` },
    details: { jobId, status },
  });
}

export function jobNotCancellable(jobId: string, status: string): ConflictError {
  return new ConflictError('E_REDACTION_JOB_NOT_CANCELLABLE', {
    message: { zh: `该任务已结束(${status}),不能取消`, en: `This job has ended (${status}) and cannot be cancelled` },
    details: { jobId, status },
  });
}

export function releaseLocked(id: string, status: string): ConflictError {
  return new ConflictError('E_RELEASE_LOCKED', {
    article: '22',
    message: { zh: `该发布已${status === 'PUBLISHED' ? '发布' : '审批或驳回'},遮挡内容不能再修改`, en: `This release is ${status}; its redaction can no longer change` },
    details: { id, status },
  });
}

export function releaseSelfApproval(id: string): ConflictError {
  return new ConflictError('E_SELF_APPROVAL', {
    article: '22',
    message: { zh: '不得审批本人提出的公开发布(双人审批)', en: 'No one may approve their own public release (four eyes)' },
    details: { id },
  });
}

export function releaseNotApproved(id: string, status: string): ConflictError {
  return new ConflictError('E_APPROVAL_REQUIRED', {
    article: '22',
    message: { zh: '公开发布须经另一名有审批权限的人员批准', en: 'A public release needs the approval of a second person with APPROVE first' },
    details: { id, status },
  });
}

export function notReleaseRequester(id: string): ForbiddenError {
  return new ForbiddenError('E_RELEASE_NOT_YOURS', {
    message: { zh: '只有提出发布的人员可以执行发布', en: 'Only the person who asked for this release may publish it' },
    details: { id },
  });
}

export function sourceNotRecorded(cameraId: string, from: string, to: string): InvalidError {
  return new InvalidError('E_RELEASE_SOURCE_NOT_RECORDED', {
    message: { zh: '发布的时间段须在该摄像机已录制的录像之内', en: 'The release range must lie within the camera’s recorded segments' },
    details: { cameraId, from, to },
  });
}

export function releaseRangeTooLong(maxMinutes: number): InvalidError {
  return new InvalidError('E_RELEASE_RANGE_TOO_LONG', {
    message: { zh: `一次公开发布的片段不得超过 ${maxMinutes} 分钟`, en: `One public release may cover at most ${maxMinutes} minutes` },
    details: { maxMinutes },
  });
}

export function justificationRequired(trackId: string): InvalidError {
  return new InvalidError('E_JUSTIFICATION_REQUIRED', {
    article: '22',
    message: { zh: '不遮挡须写明理由(至少 10 个字)', en: 'Leaving a detection visible needs a justification (at least 10 characters)' },
    details: { trackId },
  });
}

export function keyframeOutsideClip(t: number, durationS: number): InvalidError {
  return new InvalidError('E_KEYFRAME_OUTSIDE_CLIP', {
    message: { zh: '遮挡框的时间或位置超出了视频范围', en: 'The box lies outside the clip (time or frame)' },
    details: { t, durationS },
  });
}

export function engineUnavailable(): ConflictError {
  return new ConflictError('E_REDACTION_ENGINE_UNAVAILABLE', {
    message: { zh: '本服务器未配置遮挡处理引擎', en: 'No redaction engine is configured on this server' },
  });
}

export function renderNotStarted(releaseId: string): ConflictError {
  return new ConflictError('E_RENDER_NOT_STARTED', {
    article: '22',
    message: { zh: '该发布尚未开始生成发布文件', en: 'This release has no render job yet' },
    details: { releaseId },
  });
}
