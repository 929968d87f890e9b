/**
 * Where a detection worker starts. In the compiled build (dist/cli) that is `redaction-worker.js`
 * beside the compiled code (scripts/build.mjs has the entry `'redaction-worker':
 * 'src/redaction/detect-worker.ts'`); when that file is missing, or from the sources (tests, benches,
 * CUSTOS_FROM_SOURCE=1), the worker's code bundled once per process (src/shared/worker-bundle.ts), as
 * the recorder's worker is. Where esbuild is missing, the worker starts through tsx.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../shared/worker-bundle.ts';

const TSX_ENTRY = new URL('./detect-worker-entry.mjs', import.meta.url);
const SOURCE = new URL('./detect-worker.ts', import.meta.url);
const COMPILED = import.meta.url.endsWith('.js');

let chosen: URL | undefined;

export function detectWorkerUrl(): URL {
  if (chosen) return chosen;
  if (COMPILED) {
    const beside = new URL('./redaction-worker.js', import.meta.url);
    if (existsSync(fileURLToPath(beside))) return (chosen = beside);
  }
  chosen = bundleWorker(SOURCE, 'redaction-worker') ?? TSX_ENTRY;
  if (!existsSync(fileURLToPath(chosen))) {
    chosen = undefined;
    throw new Error("redaction: the detection worker is not built (scripts/build.mjs needs the entry 'redaction-worker': 'src/redaction/detect-worker.ts')");
  }
  return chosen;
}
