/** What the release services share: database, clock, gate, register, files, engine and job runner. */
import type { Db } from '../../db/connect.ts';
import type { AccessGate } from '../../access/camera-permission.ts';
import type { Action } from '../../access/actions.ts';
import type { Principal } from '../../access/principal.ts';
import type { EntryContent } from '../../access/register/model.ts';
import type { RegisterService } from '../../access/register/register-service.ts';
import { recordingDenials } from '../../access/video-access/denials.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/errors.ts';
import type { EngineSource } from './engine-source.ts';
import { releaseNotFound } from './errors.ts';
import type { JobRunner } from './job-runner.ts';
import type { Release } from './model.ts';
import type { ReleaseFiles } from './release-files.ts';
import { releaseRepository as repo } from './release-repository.ts';

/** The retention holds the release keeps its source under while in progress (src/retention/holds-service.ts). */
export interface SourceHolds {
  create(input: unknown, actor: { name: string; reason?: string | null }): Promise<{ id: string }>;
  release(id: string, input: unknown, actor: { name: string; reason?: string | null }): Promise<unknown>;
}

export interface ReleaseDeps {
  db: Db;
  clock: Clock;
  gate: AccessGate;
  register: RegisterService;
  files: ReleaseFiles;
  engines: EngineSource;
  runner: JobRunner;
  holds?: SourceHolds | undefined;
}

export const publicReleaseReason = (release: Release) => ({ category: 'PUBLIC_RELEASE', text: release.purpose });
export const publicReleaseBasis = (release: Release) => ({ type: 'PUBLIC_RELEASE', ref: release.id });
export const releaseContent = (release: Release): EntryContent => ({
  cameraIds: [release.cameraId],
  ranges: [{ cameraId: release.cameraId, from: release.from, to: release.to }],
  operation: 'EXPORT',
});

export async function loadRelease(deps: ReleaseDeps, id: string): Promise<Release> {
  const release = await repo.get(deps.db, id);
  if (!release) throw releaseNotFound(id);
  return release;
}

/** `action` on the release's camera; a refusal becomes a DENIAL entry naming the release. */
export async function requireOnCamera(deps: ReleaseDeps, principal: Principal, release: Release, action: Action): Promise<void> {
  await recordingDenials(deps.register, principal, { operation: 'EXPORT', reason: publicReleaseReason(release), content: releaseContent(release), basis: publicReleaseBasis(release) }, async () => {
    await deps.gate.requireCamera(principal, action, release.cameraId);
  });
}

/** Runs `check` (call it after requireOnCamera, which records its own refusals); a refusal (any domain error) is recorded as a DENIAL entry of the release, then goes on. */
export async function deniedAsEntry<T>(deps: ReleaseDeps, principal: Principal, release: Release, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof DomainError) {
      await deps.register.deny(principal, {
        operation: 'EXPORT',
        reason: publicReleaseReason(release),
        content: releaseContent(release),
        basis: publicReleaseBasis(release),
        error: { code: error.code, ...(error.article ? { article: error.article } : {}) },
      });
    }
    throw error;
  }
}
