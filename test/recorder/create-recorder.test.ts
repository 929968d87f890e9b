import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalSegmentStore } from '../../src/recording/local-segment-store.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { createRecorder } from '../../src/recorder/create-recorder.ts';
import { resolveFfmpegPath } from '../../src/recorder/ffmpeg-path.ts';
import { FfmpegRecorder } from '../../src/recorder/ffmpeg-recorder.ts';
import { systemClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/db/connect.ts';

describe('choosing a camera’s recorder', () => {
  const base = { cameraId: 'cam_x', db: {} as Db, store: new LocalSegmentStore(mkdtempSync(path.join(tmpdir(), 'custos-choice-'))), clock: systemClock };

  it('records rtsp:// and rtsps:// natively, anything else (or a flagged camera) through ffmpeg', () => {
    expect(createRecorder({ ...base, url: 'rtsp://cam/1' })).toBeInstanceOf(CameraRecorder);
    expect(createRecorder({ ...base, url: 'RTSPS://cam/1' })).toBeInstanceOf(CameraRecorder);
    expect(createRecorder({ ...base, url: 'https://cam/stream.m3u8' })).toBeInstanceOf(FfmpegRecorder);
    expect(createRecorder({ ...base, url: '/srv/clip.mp4' })).toBeInstanceOf(FfmpegRecorder);
    expect(createRecorder({ ...base, url: 'rtsp://odd/1', useFfmpeg: true })).toBeInstanceOf(FfmpegRecorder);
  });

  it('runs the configured ffmpeg, else the one on PATH', () => {
    expect(resolveFfmpegPath('/opt/ffmpeg/bin/ffmpeg')).toBe('/opt/ffmpeg/bin/ffmpeg');
    expect(path.basename(resolveFfmpegPath())).toBe('ffmpeg');
  });
});
