/**
 * The segment index at scale: a synthetic SQLite index of `days` × `cameras` segments (the real
 * schema, through the migrations), then one-minute lookups through the repository playback uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { connectDatabase, migrateToLatest } from '../../src/db/connect.ts';
import { listSegments } from '../../src/recording/segment-repository.ts';

export interface IndexLookupResult {
  cameras: number;
  days: number;
  segmentSeconds: number;
  rows: number;
  buildS: number;
  lookups: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export async function benchIndexLookup(options: { cameras: number; days: number; segmentSeconds: number; lookups: number }): Promise<IndexLookupResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-index-'));
  const file = path.join(dir, 'index.db');
  let handle = connectDatabase(`sqlite:${file}`);
  try {
    await migrateToLatest(handle);
    const end = Date.parse('2026-01-31T00:00:00Z');
    const start = end - options.days * 86_400_000;
    const step = options.segmentSeconds * 1000;
    const perCamera = Math.floor((end - start) / step);
    const began = performance.now();
    await handle.close();
    // Bulk rows through better-sqlite3 directly (the repository inserts one chained row at a time).
    const raw = new Database(file);
    raw.pragma('journal_mode = wal');
    raw.pragma('synchronous = off');
    // Generated inside SQLite (a recursive CTE per camera): the rows cost C, not JavaScript.
    const iso = (expr: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr}, 'unixepoch')`;
    const insert = raw.prepare(`
      with recursive k(n) as (select 0 union all select n + 1 from k where n + 1 < @count)
      insert into segments (id, camera_id, seq, start_at, end_at, duration_ms, bytes, codec, frames, path, sha256, prev_chain_hash, chain_hash, created_at)
      select 'seg_' || @camera || '_' || printf('%07d', n), @camera, n + 1,
             ${iso('@start + n * @step')}, ${iso('@start + (n + 1) * @step')}, @stepMs, 5000000, 'avc1.640028', @frames,
             @camera || '/' || n || '.mp4', @zero, @zero, @zero, ${iso('@start + (n + 1) * @step')}
      from k`);
    const zero = '0'.repeat(64);
    for (let c = 0; c < options.cameras; c++) {
      insert.run({ count: perCamera, camera: `cam_${String(c).padStart(4, '0')}`, start: start / 1000, step: step / 1000, stepMs: step, frames: options.segmentSeconds * 25, zero });
    }
    raw.exec('analyze');
    raw.close();
    handle = connectDatabase(`sqlite:${file}`);
    const buildS = (performance.now() - began) / 1000;
    const times: number[] = [];
    for (let n = 0; n < options.lookups; n++) {
      const cameraId = `cam_${String(n % options.cameras).padStart(4, '0')}`;
      const from = start + Math.floor(((n * 7919) % 1000) / 1000 * (end - start - 60_000));
      const t0 = performance.now();
      const rows = await listSegments(handle.db, { cameraId, from: new Date(from).toISOString(), to: new Date(from + 60_000).toISOString() });
      times.push(performance.now() - t0);
      if (rows.length === 0) throw new Error('a one-minute lookup found nothing');
    }
    times.sort((a, b) => a - b);
    return {
      cameras: options.cameras,
      days: options.days,
      segmentSeconds: options.segmentSeconds,
      rows: perCamera * options.cameras,
      buildS: Math.round(buildS * 10) / 10,
      lookups: options.lookups,
      medianMs: Math.round(quantile(times, 0.5) * 1000) / 1000,
      p95Ms: Math.round(quantile(times, 0.95) * 1000) / 1000,
      maxMs: Math.round((times[times.length - 1] ?? NaN) * 1000) / 1000,
    };
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
