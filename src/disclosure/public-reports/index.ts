/** The public-report services (art. 24 ¶2), wired to one database, clock, gate, alarm store and bus (part of createServices). */
import type { Db } from '../../db/connect.ts';
import type { AuthorizationService } from '../../access/authorization/authorization-service.ts';
import type { AlarmSink } from '../../events/alarm-sink.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { Clock } from '../../shared/clock.ts';
import { ReportHandlingService } from './handling-service.ts';
import { ReportIntakeService } from './intake-service.ts';
import { ReportPhotoStore } from './photo-store.ts';
import { DEFAULT_PUBLIC_REPORT_POLICY, type PublicReportPolicy } from './policy.ts';

export type { PublicReportPolicy } from './policy.ts';

export function createPublicReports(deps: { db: Db; clock: Clock; gate: AuthorizationService; alarms: AlarmSink; bus: EventBus; dataDir: string; policy?: Partial<PublicReportPolicy> | undefined }) {
  const policy: PublicReportPolicy = { ...DEFAULT_PUBLIC_REPORT_POLICY, ...deps.policy };
  const photos = new ReportPhotoStore(deps.dataDir);
  return {
    policy,
    intake: new ReportIntakeService({ db: deps.db, clock: deps.clock, photos, alarms: deps.alarms, policy }),
    handling: new ReportHandlingService({ db: deps.db, clock: deps.clock, gate: deps.gate, photos, alarms: deps.alarms, bus: deps.bus }),
  };
}
