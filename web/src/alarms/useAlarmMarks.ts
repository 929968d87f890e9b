import { useTranslation } from 'react-i18next';
import type { TimelineMark } from '../components/Timeline.tsx';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { listAlarms, usePolled } from './alarm-api.ts';

/** The camera's tamper and health alarms in the range, as timeline marks at their start (polled). */
export function useAlarmMarks(cameraId: string, range: { from: number; to: number }): TimelineMark[] {
  const { t } = useTranslation();
  const alarms = usePolled(
    () => (cameraId ? listAlarms({ cameraId, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), limit: 1000 }) : Promise.resolve([])),
    [cameraId, range.from, range.to],
  );
  return (alarms.data ?? [])
    .filter((a) => a.category !== 'SECURITY')
    .map((a) => ({ id: a.id, at: Date.parse(a.startedAt), category: a.category, kind: a.kind, title: t('alarms.mark', { kind: enumLabel(t, 'alarmKind', a.kind), time: legalDateTime(a.startedAt) }) }));
}
