import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';

describe('local segment store', () => {
  let dir: string;
  let store: LocalSegmentStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'custos-store-'));
    store = new LocalSegmentStore(path.join(dir, 'segments'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts a finished segment (hashed while written), stats it, streams it back, and never replaces it', async () => {
    const key = { cameraId: 'cam_s', seq: 1, startMs: Date.parse('2025-06-01T00:00:00Z') };
    const body = [Buffer.from('abc'), Buffer.from('def')];
    const stored = await store.put(key, Readable.from(body));
    expect(stored).toEqual({ path: `cam_s/2025/06/01/1-${key.startMs}.mp4`, bytes: 6, sha256: createHash('sha256').update('abcdef').digest('hex') });
    expect(await store.stat(stored.path)).toEqual({ bytes: 6 });
    expect(await store.stat('cam_s/2025/06/01/2-0.mp4')).toBeNull();
    const chunks: Buffer[] = [];
    for await (const chunk of await store.openRead(stored.path)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('abcdef');
    await expect(store.put(key, Readable.from([Buffer.from('evil')]))).rejects.toThrow(/EEXIST/);
    expect(await store.stat(stored.path)).toEqual({ bytes: 6 });
    await expect(store.openRead('cam_s/2025/06/01/2-0.mp4')).rejects.toThrow(/E_SEGMENT_FILE_MISSING/);
  });
});
