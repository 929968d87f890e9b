/** Test-only: an app with an A7 camera, and segments written as real files and indexed with their chain. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { DbDialect } from '../../src/db/connect.ts';
import { segmentsRoot } from '../../src/recording/local-segment-store.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { segmentRelPath } from '../../src/recording/segment-paths.ts';
import { chainHead, indexSegment } from '../../src/recording/segment-repository.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

export interface RetentionWorld {
  t: TestApp;
  unitId: string;
  siteId: string;
  cameraId: string;
  root: string;
}

/** An app at `at` with one A7 site (or the category given) and one camera of `retentionDays`. */
export async function openWorld(dialect: DbDialect, options: { at?: string; retentionDays?: number; placeCategory?: string } = {}): Promise<RetentionWorld> {
  const t = await openTestApp(dialect, { at: options.at ?? '2025-04-20T00:00:00Z' });
  const overrides = options.placeCategory ? { placeCategory: options.placeCategory, placeSubtype: '其他', storagePeriodDays: options.retentionDays ?? 30 } : {};
  const { unit, site } = await seedSite(t, overrides);
  const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { retentionDays: options.retentionDays ?? 30 }));
  return { t, unitId: unit.id, siteId: site.id, cameraId: camera.id, root: segmentsRoot(t.dataDir) };
}

export async function addCamera(w: RetentionWorld, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await created<{ id: string }>(w.t, '/api/cameras', cameraBody(w.siteId, w.unitId, { name: `cam ${Math.random()}`, ...overrides }))).id;
}

/** A segment [start, end) of `cameraId` as a file under the segments root and a chained index row. */
export async function addSegment(w: RetentionWorld, cameraId: string, start: string, end: string, bytes = 64): Promise<SegmentRow> {
  const startMs = Date.parse(start);
  const seq = ((await chainHead(w.t.db.db, cameraId))?.seq ?? 0) + 1;
  const rel = segmentRelPath({ cameraId, seq, startMs });
  const body = Buffer.alloc(bytes, seq % 251);
  const abs = path.join(w.root, ...rel.split('/'));
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, body);
  const sha256 = createHash('sha256').update(body).digest('hex');
  return indexSegment(w.t.db.db, { cameraId, seq, startMs, endMs: Date.parse(end), bytes, codec: 'h264', frames: 1, path: rel, sha256 }, w.t.clock.now());
}

/** Segments of [from, to) cut into pieces of `stepMinutes`. */
export async function addSegments(w: RetentionWorld, cameraId: string, from: string, to: string, stepMinutes = 60): Promise<SegmentRow[]> {
  const out: SegmentRow[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += stepMinutes * 60_000) {
    out.push(await addSegment(w, cameraId, new Date(t).toISOString(), new Date(Math.min(t + stepMinutes * 60_000, Date.parse(to))).toISOString()));
  }
  return out;
}

export async function rowExists(w: RetentionWorld, segment: SegmentRow): Promise<boolean> {
  return (await w.t.db.db.selectFrom('segments').select('id').where('id', '=', segment.id).executeTakeFirst()) !== undefined;
}

export const fileExists = (w: RetentionWorld, segment: SegmentRow): boolean => existsSync(path.join(w.root, ...segment.path.split('/')));

/** Row and file both there, or both gone: never one without the other. */
export async function present(w: RetentionWorld, segment: SegmentRow): Promise<boolean> {
  const row = await rowExists(w, segment);
  expect(fileExists(w, segment), `${segment.path}: row ${row ? 'present' : 'gone'} but file ${row ? 'gone' : 'present'}`).toBe(row);
  return row;
}

export async function sweepAt(w: RetentionWorld, at: string) {
  w.t.clock.set(at);
  const response = await w.t.call('POST', '/api/retention/sweep');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ sweep: { deleted: number; kept: { held: number; purposeOngoing: number } } }>();
}
