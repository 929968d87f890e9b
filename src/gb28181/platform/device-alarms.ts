/**
 * Device alarms (GB/T 28181-2022 §9.4, Annex A.2.5.4 AlarmMethod/AlarmType) into Custos alarms: what
 * means tampering — a video abnormality (method 5 video alarm, type 11: covered, blurred, moved) or the
 * device's enclosure opened (method 2 device alarm, type 2 防拆) — is DEVICE_TAMPER; motion detection
 * (method 5, type 2) is DEVICE_MOTION; anything else is DEVICE_ALARM. Raised on the camera that records
 * the channel, or system-level (subject `gb28181:<channel>`) when none does.
 */
import type { AlarmKind } from '../../events/alarm-kinds.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { GbDeviceAlarm } from '../platform-api.ts';

export function alarmKindOf(alarm: Pick<GbDeviceAlarm, 'method' | 'type'>): AlarmKind {
  if ((alarm.method === 5 && alarm.type === 11) || (alarm.method === 2 && alarm.type === 2)) return 'DEVICE_TAMPER';
  if (alarm.method === 5 && alarm.type === 2) return 'DEVICE_MOTION';
  return 'DEVICE_ALARM';
}

/** Motion ends this long after the device's last motion alarm (devices do not send an end). */
export const MOTION_QUIET_MS = 60_000;

export class DeviceAlarmRelay {
  private readonly motionTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly sink: AlarmSink,
    private readonly cameraOf: (deviceId: string, channelId: string) => Promise<string | null>,
  ) {}

  async relay(alarm: GbDeviceAlarm): Promise<void> {
    const kind = alarmKindOf(alarm);
    const cameraId = await this.cameraOf(alarm.deviceId, alarm.channelId);
    const subject = cameraId ?? `gb28181:${alarm.channelId}`;
    await this.sink.raise({
      kind,
      cameraId,
      subject,
      details: { source: 'gb28181', deviceId: alarm.deviceId, channelId: alarm.channelId, method: alarm.method, type: alarm.type, priority: alarm.priority, description: alarm.description, deviceTime: alarm.time },
    });
    if (kind === 'DEVICE_MOTION') {
      clearTimeout(this.motionTimers.get(subject));
      const timer = setTimeout(() => {
        this.motionTimers.delete(subject);
        void this.sink.resolve('DEVICE_MOTION', subject).catch(() => undefined);
      }, MOTION_QUIET_MS);
      timer.unref();
      this.motionTimers.set(subject, timer);
    }
  }

  stop(): void {
    for (const timer of this.motionTimers.values()) clearTimeout(timer);
    this.motionTimers.clear();
  }
}
