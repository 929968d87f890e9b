/** Domain errors of events out (MQTT status, webhooks), with stable codes the UI translates. */
import { ForbiddenError, NotFoundError, NotAllowedError } from '../../shared/errors.ts';

export const eventsOutReadNotGranted = () =>
  new ForbiddenError('E_EVENTS_OUT_READ_NOT_GRANTED', {
    article: '16.2(2)',
    message: {
      zh: '查看事件外发(MQTT、Webhook)需对全部摄像机具有审计(AUDIT)或配置(CONFIG)权限,或管理(ADMINISTER)权限',
      en: 'Events out (MQTT, webhooks) are for holders of AUDIT or CONFIG over every camera, or of ADMINISTER',
    },
  });

export const eventsOutManageNotGranted = () =>
  new ForbiddenError('E_EVENTS_OUT_MANAGE_NOT_GRANTED', {
    article: '16.2(2)',
    message: {
      zh: '管理 Webhook 需对全部摄像机具有配置(CONFIG)权限,或管理(ADMINISTER)权限',
      en: 'Managing webhooks needs CONFIG over every camera, or ADMINISTER',
    },
  });

export const webhookNotFound = (id: string) =>
  new NotFoundError('E_WEBHOOK_NOT_FOUND', { message: { zh: `未找到 Webhook 端点 ${id}`, en: `No webhook endpoint ${id}` }, details: { id } });

export const webhookMessageNotFound = (id: string) =>
  new NotFoundError('E_WEBHOOK_MESSAGE_NOT_FOUND', { message: { zh: `未找到 Webhook 消息 ${id}`, en: `No webhook message ${id}` }, details: { id } });

export const webhookDeclaredInConfig = (id: string) =>
  new NotAllowedError('E_WEBHOOK_DECLARED_IN_CONFIG', {
    message: { zh: `Webhook 端点 ${id} 由配置文件声明,只能在配置文件中修改`, en: `Webhook endpoint ${id} is declared in the configuration file: change it there` },
    details: { id },
  });
