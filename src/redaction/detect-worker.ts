/** A detection worker thread: its own TensorFlow.js WASM backend and face model; frames in, boxes out. */
import { parentPort, workerData } from 'node:worker_threads';
import type { DetectWorkerSettings, FromDetectWorker, ToDetectWorker } from './detect-protocol.ts';
import { createFrameDetector } from './frame-detect.ts';

const port = parentPort;
if (!port) throw new Error('detect-worker: not started as a worker thread');
const send = (m: FromDetectWorker) => port.postMessage(m);

try {
  const detector = await createFrameDetector(workerData as DetectWorkerSettings);
  let queue = Promise.resolve();
  port.on('message', (m: ToDetectWorker) => {
    if (m.type === 'close') {
      port.close();
      return;
    }
    queue = queue.then(() => detectOne(m));
  });
  const detectOne = async (m: Extract<ToDetectWorker, { type: 'frame' }>): Promise<void> => {
    try {
      const found = await detector.detect(new Uint8Array(m.rgb), m.width, m.height, m.faces);
      send({ type: 'result', id: m.id, ...found });
    } catch (e) {
      send({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) });
    }
  };
  send({ type: 'ready', info: detector.info });
} catch (e) {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
