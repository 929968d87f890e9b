/**
 * `custos art21-request`: the whole path from the command line, as named staff members, on a copy of
 * a prepared SQLite database (the real clock: the staff's training is dated today).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custos } from '../support/cli.ts';
import { openVideoEnv } from '../access/video-access-support.ts';

const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';

describe('custos art21-request', { timeout: 180_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  let unitId: string;
  let cameraId: string;
  let desk: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-art21-cli-'));
    const world = await openVideoEnv('sqlite');
    unitId = world.unitId;
    cameraId = world.cams.C2;
    desk = (await world.user({ displayName: '前台值班员', grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: world.groups.G1 } }] })).principal.username;
    await world.t.db.db.updateTable('persons').set({ jobTrainingAt: new Date().toISOString().slice(0, 10) }).execute();
    await sql`VACUUM INTO ${path.join(dir, 'custos.db')}`.execute(world.t.db.db);
    await world.close();
    env = { CUSTOS_DATA_DIR: dir, CUSTOS_DB_URL: `sqlite:${path.join(dir, 'custos.db')}`, CUSTOS_DEMO_ENABLED: 'false' };
    writeFileSync(path.join(dir, 'proof.pdf'), '%PDF-1.4 cli proof');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('REG-21-1..6 from the command line: an ineligible relationship is refused; create, decide, acknowledge and a session with one register entry', async () => {
    const incident = Date.now() - 3_600_000;
    const base = ['art21-request', 'create', '--as', desk, '--unit', unitId, '--name', '王秀英', '--id-number', '110101198001011234', '--purpose', 'LIFE_HEALTH', '--description', '孩子走失,需确认其离开的时间', '--related-person', '李小明', '--incident-at', beijing(incident), '--place', '一层东门', '--document', `RELATIONSHIP=${path.join(dir, 'proof.pdf')}`];
    const cousin = await custos([...base, '--relationship', 'CLOSE_RELATIVE', '--subtype', '表兄弟'], env);
    expect(cousin.status).toBe(1);
    expect(cousin.stderr).toContain('E_RELATIONSHIP_NOT_ELIGIBLE (第21条 / art. 21)');

    const created = await custos([...base, '--relationship', 'CLOSE_RELATIVE', '--subtype', '父母'], env);
    expect(created.status, created.stderr).toBe(0);
    const request = created.json<{ id: string; status: string; documents: { fileName: string }[] }>();
    expect(request).toMatchObject({ status: 'PENDING_CONSENT', documents: [{ fileName: 'proof.pdf' }] });

    const scope = `${cameraId},${beijing(incident - 1_800_000)},${beijing(incident + 1_800_000)}`;
    const decided = await custos(['art21-request', 'decide', request.id, '--as', 'tester', '--approve', '--scope', scope], env);
    expect(decided.status, decided.stderr).toBe(0);
    expect(decided.json()).toMatchObject({ status: 'APPROVED' });

    const early = await custos(['art21-request', 'session', request.id, '--as', desk], env);
    expect(early.stderr).toContain('E_ACK_REQUIRED');
    const ack = await custos(['art21-request', 'acknowledge', request.id, '--as', desk, '--signed-name', '王秀英'], env);
    expect(ack.status, ack.stderr).toBe(0);
    const session = await custos(['art21-request', 'session', request.id, '--as', desk], env);
    expect(session.status, session.stderr).toBe(0);
    const opened = session.json<{ session: { registerEntryId: string; acknowledgementId: string }; tokens: { token: string }[] }>();
    expect(opened.session.acknowledgementId).toBe(ack.json<{ id: string }>().id);
    expect(opened.tokens).toHaveLength(1);

    const register = await custos(['register', 'list', '--json'], env);
    const entries = register.json<{ entries: { id: string; kind: string; actor: { name: string; unit: string }; basis: { ref: string } | null }[] }>().entries.filter((e) => e.basis?.ref === request.id);
    expect(entries.map((e) => [e.kind, e.actor.name, e.actor.unit])).toEqual([
      ['ACCESS', '王秀英', '个人'],
      ['DENIAL', expect.any(String), expect.any(String)],
    ]);
    const due = await custos(['art21-request', 'list', '--as', desk, '--due'], env);
    expect(due.json()).toMatchObject({ overdue: [], dueSoon: [], answerDays: 15 });
  });
});
