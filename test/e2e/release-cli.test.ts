/**
 * `custos release` end to end against a running server's data folder and the real redaction engine:
 * create, detect (progress lines on stderr), resolve every track, sign-off, approval by a second
 * administrator, publish (progress lines), list; the released file is one video stream and its hash
 * is the register's.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custos } from '../support/cli.ts';
import { probeVideo } from './release-segments.ts';
import { startReleaseServer, type ReleaseServer } from './release-setup.ts';

describe('custos release (e2e)', { timeout: 600_000 }, () => {
  let env: ReleaseServer;
  beforeAll(async () => {
    env = await startReleaseServer();
  }, 300_000);
  afterAll(async () => {
    await env?.close();
  });

  it('REG-22-1, REG-22-3: the command line runs the whole release, with progress for detection and rendering', async () => {
    const cli = (args: string[]) => custos(['release', ...args], { CUSTOS_DATA_DIR: env.dataDir });
    const from = env.segments[0]!.startAt;
    const to = env.segments[env.segments.length - 1]!.endAt;
    const created = await cli(['create', '--camera', env.cameraId, '--from', from, '--to', to, '--basis-type', 'CONSENT', '--basis-text', '当事人书面同意公开', '--purpose', '经当事人同意,公开发布遮挡后的片段', '--channel', 'PRESS', '--as', 'admin']);
    expect(created.status, created.stderr).toBe(0);
    const releaseId = created.json<{ id: string }>().id;

    // Publishing before any redaction is refused with the article.
    const early = await cli(['publish', releaseId, '--as', 'admin']);
    expect(early.status).toBe(1);
    expect(early.stderr).toContain('E_REDACTION_REQUIRED (第22条 / art. 22)');

    const detected = await cli(['detect', releaseId, '--as', 'admin']);
    expect(detected.status, detected.stderr + detected.stdout).toBe(0);
    const progress = detected.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { phase: string; done: number; total: number });
    expect(progress.length).toBeGreaterThan(0);
    const job = detected.json<{ status: string; unresolved: number; tracks: { kind: string }[] }>();
    expect(job.status).toBe('DONE');
    // Faces, plates and the shop signs' organisation names (REG-22-1), all found automatically.
    expect(job.tracks.map((t) => t.kind)).toEqual(expect.arrayContaining(['FACE', 'PLATE', 'TEXT']));

    expect((await cli(['sign-off', releaseId, '--as', 'admin'])).stderr).toContain('E_REDACTION_INCOMPLETE');
    const resolved = await cli(['resolve', releaseId, '--all-unresolved', '--as', 'admin']);
    expect(resolved.json<{ unresolved: number }>().unresolved).toBe(0);
    expect((await cli(['sign-off', releaseId, '--as', 'admin'])).status).toBe(0);
    expect((await cli(['approve', releaseId, '--as', 'admin'])).stderr).toContain('E_SELF_APPROVAL');
    expect((await cli(['approve', releaseId, '--note', '同意', '--as', 'admin2'])).status).toBe(0);

    const published = await cli(['publish', releaseId, '--as', 'admin']);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stderr).toMatch(/"phase"/);
    const release = published.json<{ status: string; file: { name: string; sha256: string } }>();
    expect(release.status).toBe('PUBLISHED');
    const file = path.join(env.dataDir, 'releases', releaseId, release.file.name);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(release.file.sha256);
    expect((await probeVideo(file)).streams.map((s) => s.codec_type)).toEqual(['video']);

    const list = await cli(['list', '--as', 'admin2']);
    expect(list.json<{ id: string; sha256: string; approver: string }[]>()).toEqual([expect.objectContaining({ id: releaseId, sha256: release.file.sha256, approver: '第二管理员' })]);
  });
});
