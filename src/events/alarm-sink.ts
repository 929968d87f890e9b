import type { AlarmKind } from './alarm-kinds.ts';
import type { AlarmRecord, RaiseAlarmInput } from './alarm-model.ts';

/**
 * Where detectors and monitors report (tamper, health, security): the alarm store in the server,
 * a recording double in unit tests. Raising a kind already open for the subject returns the open
 * alarm (its details refreshed); resolving one that is not open does nothing.
 */
export interface AlarmSink {
  raise(input: RaiseAlarmInput): Promise<AlarmRecord>;
  resolve(kind: AlarmKind, subject: string, at?: string): Promise<AlarmRecord | undefined>;
}
