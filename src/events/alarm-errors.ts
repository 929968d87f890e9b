import { ForbiddenError, InvalidError, NotFoundError } from '../shared/errors.ts';

export const alarmNotFound = (id: string) =>
  new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到告警 ${id}`, en: `No alarm ${id}` }, details: { entityType: 'alarm', id } });

export const alarmAckCommentRequired = () =>
  new InvalidError('E_ALARM_COMMENT_REQUIRED', {
    message: { zh: '确认告警须填写处理说明(至少 4 个字)', en: 'Acknowledging an alarm needs a comment of at least 4 characters' },
  });

export const alarmAlreadyAcknowledged = (id: string) =>
  new InvalidError('E_ALARM_ALREADY_ACKNOWLEDGED', { message: { zh: `告警 ${id} 已被确认`, en: `Alarm ${id} was already acknowledged` }, details: { id } });

export const systemAlarmsNotGranted = () =>
  new ForbiddenError('E_SYSTEM_ALARMS_NOT_GRANTED', {
    article: '16.2(2)',
    message: {
      zh: '系统与安全告警仅限对全部摄像机具有配置(CONFIG)或审计(AUDIT)权限者,或管理员查看',
      en: 'System and security alarms are for holders of CONFIG or AUDIT over every camera, or of ADMINISTER',
    },
  });

export const snapshotNotKept = (id: string, which: string) =>
  new NotFoundError('E_ALARM_SNAPSHOT_NOT_FOUND', { message: { zh: `告警 ${id} 无${which === 'before' ? '事前' : '事后'}截图`, en: `Alarm ${id} has no ${which} snapshot` }, details: { id, which } });
