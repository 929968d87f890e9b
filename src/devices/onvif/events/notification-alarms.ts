/** What an ONVIF notification means for the alarms: motion and tamper starting or ending, or nothing. */
import type { OnvifNotification } from '../parse/events.ts';

export interface AlarmChange {
  kind: 'DEVICE_MOTION' | 'DEVICE_TAMPER';
  active: boolean;
}

const truthy = (value: string | undefined) => (value === undefined ? undefined : /^(true|1)$/i.test(value.trim()));

export function alarmChangeOf(notification: OnvifNotification): AlarmChange | null {
  const topic = notification.topic;
  if (/(^|\/)(CellMotionDetector\/Motion|MotionAlarm|Motion)$/i.test(topic)) {
    const active = truthy(notification.data.IsMotion ?? notification.data.State);
    return active === undefined ? null : { kind: 'DEVICE_MOTION', active };
  }
  if (/TamperDetector\/Tamper$|(^|\/)Tamper$/i.test(topic)) {
    const active = truthy(notification.data.IsTamper ?? notification.data.State);
    return active === undefined ? null : { kind: 'DEVICE_TAMPER', active };
  }
  return null;
}
