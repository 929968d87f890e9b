/**
 * Where the recorder worker starts. In the compiled build (dist/, what `custos` runs) that is the
 * compiled worker beside this file. From the sources (tests, CUSTOS_FROM_SOURCE=1) it is the worker's
 * code as one prebuilt ES module (src/shared/worker-bundle.ts), or, where that cannot be built, the
 * tsx entry. CUSTOS_RECORDER_WORKER_BUNDLE=0 turns the bundle off.
 */
import { bundleWorker } from '../shared/worker-bundle.ts';

const TSX_ENTRY = new URL('./recorder-worker-entry.mjs', import.meta.url);
const SOURCE = new URL('./recorder-worker.ts', import.meta.url);

const COMPILED = import.meta.url.endsWith('.js');

let chosen: URL | undefined;

/** The module a recorder worker thread starts from. */
export function recorderWorkerUrl(): URL {
  if (COMPILED) return new URL('./recorder-worker.js', import.meta.url);
  chosen ??= process.env.CUSTOS_RECORDER_WORKER_BUNDLE === '0' ? TSX_ENTRY : (bundleWorker(SOURCE, 'recorder-worker') ?? TSX_ENTRY);
  return chosen;
}
