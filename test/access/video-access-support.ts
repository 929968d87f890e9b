/**
 * A test app with one unit (某商场安保部), one site, cameras C1, C2 (group G1), C7 (group G2) and C9,
 * and helpers to make users with built-in roles, call the API as them, and record real segments.
 */
import { LocalSegmentStore, segmentsRoot } from '../../src/recording/local-segment-store.ts';
import { SegmentWriter } from '../../src/recording/segment-writer.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import type { SegmentStore } from '../../src/recording/segment-store.ts';
import type { DbDialect } from '../../src/db/connect.ts';
import type { Principal } from '../../src/access/principal.ts';
import { openTestApp, type TestApp, type TestAppOptions } from '../support/app.ts';
import { makeUser, type TestUserOptions } from '../support/access.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';
import { syntheticFragment, syntheticInit } from '../recording/support/fmp4.ts';

export const UNIT_NAME = '某商场安保部';
export const REASON = { category: 'INCIDENT_INVESTIGATION', text: '顾客报失手机核查 INC-12' };

export interface VideoEnv {
  t: TestApp;
  unitId: string;
  siteId: string;
  cams: { C1: string; C2: string; C7: string; C9: string };
  groups: { G1: string; G2: string };
  /** A user, and the request headers of an all-scopes API token of theirs. */
  user(options: TestUserOptions): Promise<{ userId: string; principal: Principal; headers: Record<string, string> }>;
  as(headers: Record<string, string>): (method: string, url: string, body?: unknown) => ReturnType<TestApp['call']>;
  /** A legal hold over the cameras and range, as the basis an export names (REG-23-1). */
  holdBasis(cameraIds: string[], from: string, to: string): Promise<{ type: 'HOLD'; ref: string }>;
  /** Writes `count` one-second segments of a camera from `fromMs` (into `store`, else this app's folder); returns their rows. */
  record(cameraId: string, fromMs: number, count: number, store?: SegmentStore): Promise<SegmentRow[]>;
  close(): Promise<void>;
}

export async function openVideoEnv(dialect: DbDialect, at = '2025-05-01T03:00:00Z', options: Pick<TestAppOptions, 'logger' | 'storage'> = {}): Promise<VideoEnv> {
  const t = await openTestApp(dialect, { at, ...options });
  // The tester's training must be current at this clock (12-month refresh, REG-16-2) to reach video.
  const admin = await t.db.db.selectFrom('users').select('personId').where('id', '=', t.admin.userId).executeTakeFirstOrThrow();
  if (admin.personId) await t.db.db.updateTable('persons').set({ jobTrainingAt: '2025-01-01' }).where('id', '=', admin.personId).execute();
  const unit = await created<{ id: string }>(t, '/api/units', unitBody({ name: UNIT_NAME }));
  const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id));
  const camera = async (name: string) => (await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name }))).id;
  const cams = { C1: await camera('C1'), C2: await camera('C2'), C7: await camera('C7'), C9: await camera('C9') };
  const group = async (name: string, cameraIds: string[]) => (await created<{ id: string }>(t, '/api/camera-groups', { unitId: unit.id, name, cameraIds })).id;
  const groups = { G1: await group('G1', [cams.C1, cams.C2]), G2: await group('G2', [cams.C7]) };
  const store = new LocalSegmentStore(segmentsRoot(t.dataDir));
  return {
    t,
    unitId: unit.id,
    siteId: site.id,
    cams,
    groups,
    async user(options) {
      const user = await makeUser(t, { unitId: unit.id, ...options });
      return { userId: user.userId, principal: user.principal, headers: await t.tokenHeaders(user.userId) };
    },
    as: (headers) => (method, url, body) => t.call(method, url, body, headers),
    async holdBasis(cameraIds, from, to) {
      const ranges = cameraIds.map((cameraId) => ({ cameraId, from, to }));
      const hold = await t.services.retention.holds.create({ basisType: 'INCIDENT', citation: '事件 INC-12 保全', owner: '测试员', ranges }, { name: '测试员' });
      return { type: 'HOLD', ref: hold.id };
    },
    async record(cameraId, fromMs, count, into = store) {
      const rows: SegmentRow[] = [];
      const writer = new SegmentWriter({ db: t.db.db, store: into, cameraId, clock: t.clock, onSegment: (row) => rows.push(row) });
      for (let s = 0; s < count; s++) {
        await writer.open(syntheticInit());
        await writer.append(syntheticFragment(s + 1, 10), { startMs: fromMs + s * 1000, endMs: fromMs + (s + 1) * 1000, frames: 10, keyframe: true });
        await writer.close();
      }
      return rows;
    },
    close: () => t.close(),
  };
}
