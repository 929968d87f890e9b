/** The release services wired together: one job runner and one engine source per server. */
import type { Db } from '../../db/connect.ts';
import type { AccessGate } from '../../access/camera-permission.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import type { RedactionEngine } from '../../redaction/model.ts';
import type { SegmentReader } from '../../recording/segment-store.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SourceHolds } from './context.ts';
import { EngineSource } from './engine-source.ts';
import { JobRunner } from './job-runner.ts';
import { RedactionJobService } from './redaction-job-service.ts';
import { ReleaseFiles } from './release-files.ts';
import { ReleaseService } from './release-service.ts';

export function createReleases(ctx: { db: Db; clock: Clock; gate: AccessGate; register: RegisterService; dataDir: string; segments?: SegmentReader | undefined; engine?: RedactionEngine | undefined; holds?: SourceHolds | undefined }) {
  // The detectors are loaded on the first job (face-api weights, WASM, OpenCV): a server that never redacts never loads them.
  const engines = new EngineSource(async () => (await import('../../redaction/engine.ts')).createRedactionEngine());
  if (ctx.engine) engines.use(ctx.engine);
  const deps = { db: ctx.db, clock: ctx.clock, gate: ctx.gate, register: ctx.register, files: new ReleaseFiles(ctx.dataDir, ctx.segments), engines, runner: new JobRunner(), holds: ctx.holds };
  return { releases: new ReleaseService(deps), redactionJobs: new RedactionJobService(deps), redactionEngines: engines, redactionRunner: deps.runner };
}
