/** What the health monitor reads from the database besides the alarm service: gaps, alarms already raised, camera names. */
import type { Db } from '../../db/connect.ts';
import { alarmDb } from '../../db/alarm-tables.ts';
import type { RecordingGap } from '../../recording/model.ts';
import { camerasRepository } from '../../registry/repositories/index.ts';
import type { AlarmKind } from '../alarm-kinds.ts';
import type { AlarmRecord } from '../alarm-model.ts';
import { alarmRepository } from '../alarm-repository.ts';

export const healthRepository = {
  /** Gaps that ended at or after `since`, oldest first. */
  async closedGapsSince(db: Db, since: string): Promise<RecordingGap[]> {
    const rows = await db.selectFrom('recordingGaps').selectAll().where('toAt', 'is not', null).where('toAt', '>=', since).orderBy('toAt').orderBy('id').execute();
    return rows as RecordingGap[];
  },

  /** Gaps of these cameras that overlap [from, to) (an open gap reaches to now), oldest first. */
  async gapsOverlapping(db: Db, cameraIds: readonly string[], from: string, to: string): Promise<RecordingGap[]> {
    if (cameraIds.length === 0) return [];
    const rows = await db
      .selectFrom('recordingGaps')
      .selectAll()
      .where('cameraId', 'in', [...cameraIds])
      .where('fromAt', '<', to)
      .where((eb) => eb.or([eb('toAt', 'is', null), eb('toAt', '>', from)]))
      .orderBy('fromAt')
      .orderBy('id')
      .execute();
    return rows as RecordingGap[];
  },

  /** Which of these subjects already have an alarm of the kind (open or not). */
  async subjectsAlarmed(db: Db, kind: AlarmKind, subjects: readonly string[]): Promise<Set<string>> {
    if (subjects.length === 0) return new Set();
    const rows = await alarmDb(db).selectFrom('alarms').select('subject').where('kind', '=', kind).where('subject', 'in', [...subjects]).execute();
    return new Set(rows.map((r) => r.subject));
  },

  openAlarms(db: Db, kinds: readonly AlarmKind[]): Promise<AlarmRecord[]> {
    return alarmRepository.list(db, { kinds, open: true, limit: 10_000 });
  },

  async cameraName(db: Db, cameraId: string): Promise<string> {
    return (await camerasRepository.get(db, cameraId))?.name ?? cameraId;
  },
};
