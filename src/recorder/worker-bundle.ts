/**
 * Where the recorder worker starts. In the compiled build (dist/, what `custos` runs) that is the
 * compiled worker beside this file. From the sources (tests, CUSTOS_FROM_SOURCE=1) it is the worker's
 * code as one prebuilt ES module, so that worker threads run without the
 * TypeScript loader: no loader thread and no transform hooks per worker, less memory for each.
 * Built once per process with esbuild's command line (tsx already brings esbuild) from the sources as they are, into
 * dist/ at the repository root (one level down, so that `../package.json` still resolves, and under
 * the root so that packages resolve from node_modules). The file is written under a temporary name
 * and renamed into place, so processes building at once never see half a file. Where esbuild is
 * missing or the build fails, the worker starts through the tsx entry as before.
 * CUSTOS_RECORDER_WORKER_BUNDLE=0 turns the bundle off.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TSX_ENTRY = new URL('./recorder-worker-entry.mjs', import.meta.url);
const SOURCE = new URL('./recorder-worker.ts', import.meta.url);
const OUT_DIR = new URL('../../dist/', import.meta.url);

const COMPILED = import.meta.url.endsWith('.js');

let chosen: URL | undefined;

/** The module a recorder worker thread starts from. */
export function recorderWorkerUrl(): URL {
  if (COMPILED) return new URL('./recorder-worker.js', import.meta.url);
  chosen ??= process.env.CUSTOS_RECORDER_WORKER_BUNDLE === '0' ? TSX_ENTRY : (buildBundle() ?? TSX_ENTRY);
  return chosen;
}

function buildBundle(): URL | undefined {
  try {
    // The command line, run to completion: the JavaScript API would keep a helper thread and an
    // esbuild process (~16 MB) for later calls, and there are none.
    const esbuild = path.join(path.dirname(esbuildPackage()), 'bin', 'esbuild');
    mkdirSync(OUT_DIR, { recursive: true });
    const out = new URL('recorder-worker.mjs', OUT_DIR);
    const tmp = fileURLToPath(new URL(`recorder-worker.mjs.${process.pid}.${Date.now()}.tmp`, OUT_DIR));
    const options = ['--bundle', '--platform=node', '--format=esm', '--target=node20', '--packages=external', '--log-level=error', '--legal-comments=none'];
    const banner = '--banner:js=// Built from src/recorder/recorder-worker.ts by src/recorder/worker-bundle.ts; not edited by hand.';
    try {
      execFileSync(esbuild, [fileURLToPath(SOURCE), ...options, banner, `--outfile=${tmp}`], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
      renameSync(tmp, out);
    } finally {
      rmSync(tmp, { force: true });
    }
    return out;
  } catch {
    return undefined;
  }
}

/** esbuild's package.json: hoisted beside tsx, or else inside it. */
function esbuildPackage(): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('esbuild/package.json');
  } catch {
    return createRequire(require.resolve('tsx/package.json')).resolve('esbuild/package.json');
  }
}
