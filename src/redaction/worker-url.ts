/**
 * Where a detection worker starts. In the compiled build (dist/cli) that is `redaction-worker.js`
 * beside the compiled code (scripts/build.mjs needs the entry `'redaction-worker':
 * 'src/redaction/detect-worker.ts'`); when that file is missing, or from the sources (tests, benches,
 * CUSTOS_FROM_SOURCE=1), the worker's code is bundled once per process with esbuild's command line
 * into dist/redaction-worker.mjs (packages stay in node_modules), as the recorder's worker is. Where
 * esbuild is missing, the worker starts through tsx.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  chosen = buildBundle() ?? TSX_ENTRY;
  return chosen;
}

function buildBundle(): URL | undefined {
  if (!existsSync(fileURLToPath(SOURCE))) return undefined;
  try {
    const outDir = new URL('../../dist/', import.meta.url);
    const esbuild = path.join(path.dirname(esbuildPackage()), 'bin', 'esbuild');
    mkdirSync(outDir, { recursive: true });
    const out = new URL('redaction-worker.mjs', outDir);
    const tmp = fileURLToPath(new URL(`redaction-worker.mjs.${process.pid}.${Date.now()}.tmp`, outDir));
    const options = ['--bundle', '--platform=node', '--format=esm', '--target=node20', '--packages=external', '--log-level=error', '--legal-comments=none'];
    const banner = '--banner:js=// Built from src/redaction/detect-worker.ts by src/redaction/worker-url.ts; not edited by hand.';
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

function esbuildPackage(): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('esbuild/package.json');
  } catch {
    return createRequire(require.resolve('tsx/package.json')).resolve('esbuild/package.json');
  }
}
