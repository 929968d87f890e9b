/**
 * Each tamper clip, through the real ffmpeg decoder and the detector at one keyframe a second, alarms
 * with its kind within 5 s of the onset; the clean clips (IR switch, lights, a passer-by) never alarm.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_CLIPS, makeTamperClips, ONSET_S, runClip, TAMPER_CLIPS } from './tamper-clips.ts';

describe('tamper clips', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-tamper-clips-'));
  beforeAll(() => makeTamperClips(dir), 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.entries(TAMPER_CLIPS))('REG-23-2: the %s clip raises %s within 5 s of the onset', async (name, kind) => {
    const run = await runClip(path.join(dir, `${name}.h264`));
    expect(run.keyframes).toBe(24);
    expect(run.onsets.map((o) => o.kind)).toEqual([kind]);
    const delay = run.onsets[0]!.atS - ONSET_S;
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(5);
  });

  it.each(CLEAN_CLIPS)('REG-23-2: the clean %s clip raises nothing', async (name) => {
    const run = await runClip(path.join(dir, `${name}.h264`));
    expect(run.keyframes).toBe(24);
    expect(run.onsets).toEqual([]);
  });
});
