/**
 * The Custos side of the recorder benchmark: one Node process recording the cameras it is given
 * through the product's recorder engine (worker threads when `workers` > 0), into its own data
 * folder and SQLite file. With `gb`, the cameras are gb28181:// addresses and the engine's GB/T 28181
 * media broker asks the benchmark (IPC) to INVITE (recorder-gb.ts). 'stop' answers with the index
 * (segments and gaps) and the alarms with their times; the benchmark counts what falls in its window.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectDatabase, migrateToLatest } from '../src/db/connect.ts';
import { LocalSegmentStore, segmentsRoot } from '../src/recording/local-segment-store.ts';
import type { CameraRecordingStatus } from '../src/recorder/camera-status.ts';
import type { RecorderEngine } from '../src/recorder/engine.ts';
import { InProcessEngine } from '../src/recorder/in-process-engine.ts';
import { WorkerPoolEngine } from '../src/recorder/worker-pool-engine.ts';
import { systemClock } from '../src/shared/clock.ts';
import type { Message } from './recorder-ipc.ts';
import { IpcGbBroker } from './recorder-gb.ts';

const { dataDir, workers, segmentMs, gb, transport } = JSON.parse(process.argv[2]!) as { dataDir: string; workers: number; segmentMs: number; gb?: boolean; transport: 'tcp' | 'udp' };
const send = (message: Message) => process.send?.(message);
process.on('disconnect', () => process.exit(0));

const databaseUrl = `sqlite:${path.join(dataDir, 'custos.db')}`;
const db = connectDatabase(databaseUrl);
await migrateToLatest(db);
const store = new LocalSegmentStore(segmentsRoot(dataDir));
const gbMedia = gb ? new IpcGbBroker((message) => send(message)) : undefined;
const engine: RecorderEngine =
  workers > 0
    ? new WorkerPoolEngine(workers, { databaseUrl, segmentsRoot: store.root, segmentMs, transport }, gbMedia)
    : new InProcessEngine({ db: db.db, store, clock: systemClock, segmentMs, transport, gbMedia });

// Main thread only: a stalled loop stops reading the sockets, and the simulator then drops frames.
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();
const alarms: { atMs: number; text: string }[] = [];
engine.onAlarm((alarm) => alarms.push({ atMs: Date.now(), text: `${alarm.kind}: ${alarm.detail}` }));

function summary(statuses: CameraRecordingStatus[]) {
  const sum = (key: 'framesLost' | 'packetsLost' | 'segments' | 'reconnects') => statuses.reduce((total, s) => total + s[key], 0);
  return {
    cameras: statuses.length,
    online: statuses.filter((s) => s.state === 'online').length,
    notOnline: [...new Set(statuses.filter((s) => s.state !== 'online').map((s) => `${s.state}: ${s.reason ?? ''}`))].slice(0, 3),
    framesLost: sum('framesLost'),
    packetsLost: sum('packetsLost'),
    segments: sum('segments'),
    reconnects: sum('reconnects'),
  };
}

/** Each camera's reconnects so far, for the benchmark's count within its window. */
const reconnectsByCamera = (statuses: CameraRecordingStatus[]) => Object.fromEntries(statuses.map((s) => [s.cameraId, s.reconnects]));

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'gb-reply') {
      gbMedia?.reply(message);
    } else if (message.type === 'start') {
      (message.urls as string[]).forEach((url, i) => engine.start(`bench-${i + 1}`, url));
      send({ type: 'started' });
    } else if (message.type === 'status') {
      const eventLoopDelayMs = { p99: Math.round(loopDelay.percentile(99) / 1e6), max: Math.round(loopDelay.max / 1e6) };
      if (message.reset) loopDelay.reset();
      const statuses = engine.status();
      send({ type: 'status', atMs: Date.now(), ...summary(statuses), reconnectsByCamera: reconnectsByCamera(statuses), eventLoopDelayMs });
    } else if (message.type === 'stop') {
      await engine.shutdown();
      // The index, read after the shutdown closed every open segment: what the benchmark counts.
      const segments = await db.db.selectFrom('segments').select(['cameraId', 'startAt', 'endAt', 'frames']).execute();
      const gaps = await db.db.selectFrom('recordingGaps').select(['cameraId', 'fromAt', 'toAt', 'reason']).execute();
      await db.close();
      // Files on disk, indexed or not: a segment whose index row failed is still on disk.
      const segmentFiles = readdirSync(store.root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mp4')).length;
      send({ type: 'stopped', segments, gaps, segmentFiles, alarms });
      process.exit(0);
    }
  })();
});
send({ type: 'ready' });
