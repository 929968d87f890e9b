/** What a SIEM wants of an alarm event: who did it, to whom, from where, as flat strings. */
import type { AlarmRecord } from '../../alarm-model.ts';

export type AlarmEventType = 'raised' | 'ended' | 'acknowledged';

export interface AlarmFacts {
  event: AlarmEventType;
  alarm: AlarmRecord;
  actor?: string;
  target?: string;
  sourceAddress?: string;
  /** When the event happened: the start, the end or the acknowledgement. */
  at: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

export function factsOfAlarm(event: AlarmEventType, alarm: AlarmRecord): AlarmFacts {
  const d = alarm.details;
  const byUser = alarm.kind === 'MEDIA_REFUSALS' || alarm.kind === 'EXPORT_VOLUME_EXCEEDED';
  const at = event === 'ended' ? (alarm.endedAt ?? alarm.startedAt) : event === 'acknowledged' ? (alarm.acknowledgement?.at ?? alarm.startedAt) : alarm.startedAt;
  const actor = event === 'acknowledged' ? alarm.acknowledgement?.name : (text(d.actor) ?? (byUser ? alarm.subject : undefined));
  const target = text(d.target) ?? text(d.account) ?? (alarm.cameraId ?? undefined);
  const sourceAddress = text(d.sourceAddress) ?? text(d.address);
  return { event, alarm, at, ...(actor ? { actor } : {}), ...(target ? { target } : {}), ...(sourceAddress ? { sourceAddress } : {}) };
}
