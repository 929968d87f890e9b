/**
 * A recorder worker thread: owns a group of cameras, with its own database connection, so that
 * recording never shares an event loop with the HTTP server or with the other group.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectDatabase } from '../db/connect.ts';
import { LocalSegmentStore } from '../recording/local-segment-store.ts';
import { openSegmentStores } from '../storage/segment-stores.ts';
import { systemClock } from '../shared/clock.ts';
import { checkSourceAddress, policyOfRules } from '../registry/source-address-policy.ts';
import { createRecorder } from './create-recorder.ts';
import type { Recorder } from './recorder.ts';
import type { FromWorker, RecorderWorkerData, ToWorker } from './worker-protocol.ts';
import { TamperHost } from './tamper-host.ts';
import { WorkerGbBroker } from './gb-broker-bridge.ts';

const port = parentPort;
if (!port) throw new Error('recorder-worker must run in a worker thread');
const data = workerData as RecorderWorkerData;
const db = connectDatabase(data.databaseUrl, data.databaseSchema ? { schema: data.databaseSchema } : {});
// The same store as the main thread's (createSegmentStores): segments land where the index row will say.
const stores = data.storage ? await openSegmentStores(data.storage, data.segmentsRoot, data.objectLock ? { objectLock: data.objectLock } : {}) : undefined;
const store = stores?.writer ?? new LocalSegmentStore(data.segmentsRoot);
const recorders = new Map<string, Recorder>();
const sourcePolicy = data.sourceRules ? policyOfRules(data.sourceRules) : undefined;
const checkSource = sourcePolicy ? (url: string) => checkSourceAddress(url, sourcePolicy) : undefined;
const post = (message: FromWorker) => port.postMessage(message);
const gbMedia = data.gbMedia ? new WorkerGbBroker(post) : undefined;
const tamper = data.tamper ? new TamperHost({ db: db.db, clock: systemClock, ffmpegPath: data.ffmpegPath, onChange: (change) => post({ type: 'tamper', change }) }) : undefined;

port.on('message', (message: ToWorker) => {
  void handle(message);
});
post({ type: 'ready' });

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'gb-reply') {
    gbMedia?.reply(message);
  } else if (message.type === 'start') {
    if (recorders.has(message.cameraId)) return;
    const keyframeTap = tamper?.tapFor(message.cameraId);
    const recorder = createRecorder({ cameraId: message.cameraId, url: message.url, db: db.db, store, clock: systemClock, segmentMs: data.segmentMs, transport: data.transport, clockToleranceMs: data.clockToleranceMs, ffmpegPath: data.ffmpegPath, checkSource, keyframeTap, gbMedia, gbMediaHost: data.gbMediaHost, fence: data.fence });
    recorder.on('status', (status) => post({ type: 'status', status }));
    recorder.on('alarm', (alarm) => post({ type: 'alarm', alarm }));
    recorders.set(message.cameraId, recorder);
    recorder.start();
  } else if (message.type === 'live') {
    const { cameraId } = message;
    recorders.get(cameraId)?.setLiveTap?.(message.on ? (chunk) => post({ type: 'live', cameraId, chunk }) : null);
  } else if (message.type === 'tamper-settings') {
    tamper?.setSettings(message.cameraId, message.settings);
  } else if (message.type === 'tamper-relearn') {
    tamper?.relearn(message.cameraId);
  } else if (message.type === 'stop') {
    const recorder = recorders.get(message.cameraId);
    recorders.delete(message.cameraId);
    tamper?.stop(message.cameraId);
    await recorder?.stop();
    post({ type: 'stopped', cameraId: message.cameraId });
  } else {
    tamper?.close();
    await Promise.all([...recorders.values()].map((r) => r.stop()));
    recorders.clear();
    await db.close();
    post({ type: 'shutdown-complete' });
  }
}

// Rates (fps, bitrate) change without a change of state: refresh them every couple of seconds.
setInterval(() => {
  for (const recorder of recorders.values()) post({ type: 'status', status: recorder.currentStatus });
}, 2000).unref();
