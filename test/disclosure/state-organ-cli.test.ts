import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.ts';
import { connectDatabase, migrateToLatest } from '../../src/db/connect.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { TestApp } from '../support/app.ts';
import { makeUser } from '../support/access.ts';
import { custos } from '../support/cli.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { fileAs, ORGAN, recordReal, requestBody, SCAN } from './state-organ-support.ts';

describe('custos state-organ-request', { timeout: 180_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  let body: Record<string, unknown>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-state-organ-cli-'));
    env = { CUSTOS_DATA_DIR: dir };
    const handle = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
    await migrateToLatest(handle);
    const services = createServices(handle.db, systemClock, dir);
    const actor = { name: 'cli-test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id), actor);
    const t = { services, db: handle, clock: systemClock } as unknown as TestApp;
    // Training within the last 12 months at the real clock the CLI runs on (REG-16-2).
    const person = { jobTrainingAt: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) };
    await makeUser(t, { username: 'clerk', displayName: '赵六', unitId: unit.id, person, grants: [{ role: 'INVESTIGATOR', scope: { type: 'ALL' } }] });
    await makeUser(t, { username: 'boss', displayName: '钱主任', unitId: unit.id, person, grants: [{ role: 'ADMINISTRATOR', scope: { type: 'ALL' } }] });
    const fromMs = Date.now() - 3_600_000;
    const recorded = await recordReal(dir);
    await fileAs(recorded, handle.db, dir, camera.id, fromMs, new Date());
    await handle.close();
    const { document, ...rest } = requestBody([{ cameraId: camera.id, from: new Date(fromMs - 60_000).toISOString(), to: new Date(fromMs + 60_000).toISOString() }]);
    body = { ...rest, document: { ...(document as object), file: undefined } };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a request with its scan, refuses self-approval, approves, hands over with a receipt, records the signature and closes', async () => {
    const file = path.join(dir, 'request.json');
    writeFileSync(file, JSON.stringify(body));
    const scan = path.join(dir, 'notice.pdf');
    writeFileSync(scan, SCAN);
    const noScan = await custos(['state-organ-request', 'create', '--as', 'clerk', '--file', file], env);
    expect(noScan.status).toBe(1);
    const created = await custos(['state-organ-request', 'create', '--as', 'clerk', '--file', file, '--scan', scan], env);
    expect(created.status, created.stderr).toBe(0);
    const { id } = created.json<{ id: string; status: string }>();
    expect(created.json()).toMatchObject({ status: 'PENDING', organName: ORGAN, documents: [{ kind: 'LEGAL_BASIS', fileName: 'notice.pdf' }] });

    const self = await custos(['state-organ-request', 'approve', id, '--as', 'clerk'], env);
    expect(self.status).toBe(1);
    expect(self.stderr).toMatch(/E_ACTION_NOT_GRANTED|E_SELF_APPROVAL/);
    const approved = await custos(['state-organ-request', 'approve', id, '--as', 'boss', '--note', '同意'], env);
    expect(approved.status, approved.stderr).toBe(0);
    expect(approved.json()).toMatchObject({ status: 'APPROVED', holdIds: [expect.any(String)] });

    const receipt = path.join(dir, 'receipt.pdf');
    const handed = await custos(['state-organ-request', 'handover', id, '--as', 'clerk', '--receipt', receipt], env);
    expect(handed.status, handed.stderr).toBe(0);
    const handover = handed.json<{ id: string; bundleSha256: string; segments: number }>();
    expect(handover.bundleSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(handover.segments).toBeGreaterThan(0);
    expect(readFileSync(receipt).subarray(0, 5).toString()).toBe('%PDF-');

    const signed = await custos(['state-organ-request', 'sign', id, handover.id, '--as', 'clerk', '--signed-by', '王警官'], env);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.json()).toMatchObject({ signedBy: '王警官' });

    const closed = await custos(['state-organ-request', 'close', id, '--as', 'boss', '--post-close-days', '45'], env);
    expect(closed.status, closed.stderr).toBe(0);
    expect(closed.json()).toMatchObject({ status: 'CLOSED', postCloseDays: 45 });
    const listed = await custos(['state-organ-request', 'list', '--as', 'boss', '--status', 'CLOSED'], env);
    expect(listed.json<{ id: string }[]>().map((r) => r.id)).toEqual([id]);
  });
});
