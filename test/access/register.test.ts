import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTER_CSV_HEADER } from '../../src/access/register/register-csv.ts';
import { DIALECTS } from '../support/db.ts';
import { pdfPagesText } from '../filing/pdf-text.ts';
import { dropTriggers, LI, openRegisterEnv, playbackContent, principal, REASON, ZHANG, type RegisterEnv } from './register-support.ts';

const codeOf = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e as { code?: string }).code ?? 'no code');

describe.each(DIALECTS)('access register (%s)', (dialect) => {
  let env: RegisterEnv;
  beforeEach(async () => {
    env = await openRegisterEnv(dialect);
  });
  afterEach(async () => {
    await env.close();
  });

  it('REG-16-5: an entry holds 事由, 内容, and the actor’s 姓名 and 单位 from the principal', async () => {
    const entry = await env.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1'), basis: { type: 'INCIDENT', ref: 'INC-12' } });
    const view = await env.register.get(entry.id);
    expect(view).toMatchObject({
      seq: 1,
      kind: 'ACCESS',
      operation: 'PLAYBACK',
      reason: REASON,
      actor: { userId: 'usr_zhang', name: '张三', unit: '某商场安保部', idDocument: null },
      content: { cameraIds: ['C1'], ranges: [{ cameraId: 'C1', from: '2025-05-01T02:00:00.000Z', to: '2025-05-01T02:30:00.000Z' }], operation: 'PLAYBACK' },
      cameraIds: ['C1'],
      basis: { type: 'INCIDENT', ref: 'INC-12' },
      clientAddress: '10.0.0.8',
      startedAt: '2025-05-01T03:00:00.000Z',
      closedAt: null,
    });
    expect(view.prevHash).toBe('0'.repeat(64));
  });

  it('REG-16-1, REG-16-5: a reason from the list with at least 10 characters, else E_REASON_REQUIRED (art. 16)', async () => {
    const open = (reason: unknown) => env.register.open(ZHANG, { operation: 'PLAYBACK', reason: reason as never, content: playbackContent('C1') });
    const error = await open(undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_REASON_REQUIRED', article: '16', details: { problem: 'MISSING' } });
    expect(await open({ category: 'INCIDENT_INVESTIGATION', text: '太短了' }).catch((e: { details: unknown }) => e.details)).toMatchObject({ problem: 'TOO_SHORT' });
    expect(await open({ category: 'MARKETING', text: '看看客流量的情况如何呢' }).catch((e: { details: unknown }) => e.details)).toMatchObject({ problem: 'CATEGORY' });
    // DUTY_MONITORING is the system's, for a duty session with its shift only.
    expect(await codeOf(open({ category: 'DUTY_MONITORING', text: '值班监看中的正常查看' }))).toBe('E_REASON_REQUIRED');
    expect(await codeOf(open({ category: 'INCIDENT_INVESTIGATION', text: '          x         ' }))).toBe('E_REASON_REQUIRED');
    const { total } = await env.register.search({}, { limit: 10, offset: 0 });
    expect(total).toBe(0);
    const duty = await env.register.open(ZHANG, {
      operation: 'LIVE_DUTY',
      reason: { category: 'DUTY_MONITORING', text: '值班监看' },
      content: { cameraIds: ['C1'], ranges: [{ cameraId: 'C1', from: '2025-05-01T03:00:00.000Z', to: null }], operation: 'LIVE_DUTY' },
      shiftId: 'shift_1',
    });
    expect(duty).toMatchObject({ reason: { category: 'DUTY_MONITORING' }, shiftId: 'shift_1' });
  });

  it('closes an access with a CLOSE entry, only by its own user and only once', async () => {
    const entry = await env.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    env.clock.set('2025-05-01T03:20:00Z');
    expect(await codeOf(env.register.close(entry.id, LI))).toBe('E_NOT_ENTRY_OWNER');
    const closing = await env.register.close(entry.id, ZHANG);
    expect(closing).toMatchObject({ kind: 'CLOSE', refersTo: entry.id, startedAt: '2025-05-01T03:00:00.000Z', endedAt: '2025-05-01T03:20:00.000Z', cameraIds: ['C1'] });
    expect(await codeOf(env.register.close(entry.id, ZHANG))).toBe('E_ENTRY_ALREADY_CLOSED');
    expect(await codeOf(env.register.close(closing.id, ZHANG))).toBe('E_ENTRY_NOT_CLOSABLE');
    expect(await codeOf(env.register.close('reg_nope', ZHANG))).toBe('E_REGISTER_ENTRY_NOT_FOUND');
    expect((await env.register.get(entry.id)).closedAt).toBe('2025-05-01T03:20:00.000Z');
    expect(await env.register.isClosed(entry.id)).toBe(true);
  });

  it('REG-16-3: a DENIAL entry keeps the refusal, and whatever reason was given', async () => {
    const denial = await env.register.deny(ZHANG, { operation: 'PLAYBACK', content: playbackContent('C7'), error: { code: 'E_NO_CAMERA_PERMISSION' } });
    expect(denial).toMatchObject({ kind: 'DENIAL', reason: { category: 'NONE', text: '' }, content: { cameraIds: ['C7'], denied: { code: 'E_NO_CAMERA_PERMISSION' } } });
  });

  it('REG-16-6: filters by date, camera, person, unit, reason, basis, operation and kind, with paging', async () => {
    await env.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    env.clock.set('2025-05-02T03:00:00Z');
    await env.register.open(LI, { operation: 'PLAYBACK', reason: { category: 'PUBLIC_SECURITY_MONITORING', text: '例行巡查公共区域录像' }, content: playbackContent('C_1'), basis: { type: 'HOLD', ref: 'H-1' } });
    env.clock.set('2025-05-03T03:00:00Z');
    await env.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: { cameraIds: ['CX1', 'C2'], ranges: [], operation: 'PLAYBACK' } });
    const ids = async (filter: object, page = { limit: 100, offset: 0 }) => (await env.register.search(filter, page)).entries.map((e) => e.seq);
    expect(await ids({})).toEqual([3, 2, 1]);
    // `_` is a LIKE wildcard: C_1 must not match CX1, and C1 must not match C_1.
    expect(await ids({ cameraId: 'C_1' })).toEqual([2]);
    expect(await ids({ cameraId: 'C1' })).toEqual([1]);
    expect(await ids({ cameraId: 'C2' })).toEqual([3]);
    expect(await ids({ from: '2025-05-02T00:00:00.000Z' })).toEqual([3, 2]);
    expect(await ids({ from: '2025-05-01T00:00:00.000Z', to: '2025-05-02T00:00:00.000Z' })).toEqual([1]);
    expect(await ids({ actorUserId: 'usr_li' })).toEqual([2]);
    expect(await ids({ actorName: '张' })).toEqual([3, 1]);
    expect(await ids({ unitId: 'unit_usr_zhang' })).toEqual([3, 1]);
    expect(await ids({ reasonCategory: 'PUBLIC_SECURITY_MONITORING' })).toEqual([2]);
    expect(await ids({ basisType: 'HOLD', basisRef: 'H-1' })).toEqual([2]);
    expect(await ids({ operation: 'EXPORT' })).toEqual([]);
    expect(await ids({ kind: 'ACCESS' }, { limit: 2, offset: 1 })).toEqual([2, 1]);
    expect((await env.register.search({}, { limit: 1, offset: 0 })).total).toBe(3);
  });

  it('REG-16-6: CSV with every REG-16-5 field, safe against formula injection', async () => {
    const evil = principal('usr_evil', '=HYPERLINK("http://x")', '+单位', { kind: 'STAFF' });
    await env.register.open(evil, { operation: 'EXPORT', reason: { category: 'INSPECTION', text: '@SUM(1+1) 检查录像完整性' }, content: playbackContent('C1'), approver: { userId: 'usr_a', name: '王五' }, basis: { type: 'REQUEST', ref: 'REQ-9' } });
    const csv = await env.register.csv({});
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header).toContain('reason,content,actorUnit,actorName,approver,basisRef,start,end');
    for (const field of ['reasonCategory', 'cameraIds', 'timeRanges', 'fileHashes', 'actorUserId', 'actorIdDocument', 'clientAddress', 'entryHash']) expect(REGISTER_CSV_HEADER).toContain(field);
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain(",'+单位,");
    expect(row).toContain(",'@SUM(1+1) 检查录像完整性,");
    expect(row).toContain(',王五,REQ-9,');
  });

  it('REG-16-6: a printable PDF with the Chinese field names', async () => {
    await env.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    const pdf = await env.register.pdf({});
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPagesText(pdf)).join('\n');
    for (const label of ['公共安全视频图像信息调用登记表', '事由', '内容', '调用人员单位', '姓名', '审批人', '开始时间', '结束时间', '张三', '某商场安保部', '顾客报失手机核查', '登记链校验通过']) {
      expect(text).toContain(label);
    }
  });

  it('is append-only in the database itself: UPDATE and DELETE raise', async () => {
    const entry = await env.register.open(ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    await expect(env.handle.db.updateTable('accessRegister').set({ actorName: '某人' }).where('id', '=', entry.id).execute()).rejects.toThrow(/E_REGISTER_IMMUTABLE/);
    await expect(env.handle.db.deleteFrom('accessRegister').where('id', '=', entry.id).execute()).rejects.toThrow(/E_REGISTER_IMMUTABLE/);
    expect((await env.register.get(entry.id)).actor.name).toBe('张三');
  });

  it('verify names the first entry edited behind the application’s back', async () => {
    for (let i = 0; i < 4; i++) await env.register.open(i % 2 ? LI : ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent('C1') });
    expect(await env.register.verify()).toMatchObject({ ok: true, entries: 4 });
    await dropTriggers(env.handle);
    const third = (await env.register.search({}, { limit: 10, offset: 0 })).entries.find((e) => e.seq === 3)!;
    await env.handle.db.updateTable('accessRegister').set({ reasonText: '改过的事由,掩盖调阅' }).where('seq', '=', 3).execute();
    expect(await env.register.verify()).toEqual({ ok: false, entries: 2, headHash: expect.any(String), ledger: { leaves: 0, head: 0 }, firstBad: { seq: 3, id: third.id, problem: 'ENTRY_HASH_MISMATCH' } });
  });
});

describe.runIf(DIALECTS.includes('postgres'))('access register under concurrent writers (postgres)', () => {
  it('keeps one valid chain when many accesses open at once', async () => {
    const env = await openRegisterEnv('postgres');
    try {
      const opens = Array.from({ length: 40 }, (_, i) =>
        env.register.open(i % 2 ? LI : ZHANG, { operation: 'PLAYBACK', reason: REASON, content: playbackContent(`C${i % 5}`) }),
      );
      const entries = await Promise.all(opens);
      expect(new Set(entries.map((e) => e.seq)).size).toBe(40);
      expect(await env.register.verify()).toMatchObject({ ok: true, entries: 40 });
    } finally {
      await env.close();
    }
  });
});
