/**
 * A worker thread's code as one prebuilt ES module, for runs from the sources (tests, benches,
 * CUSTOS_FROM_SOURCE=1): worker threads then start without the TypeScript loader (no loader thread
 * and no transform hooks per worker, less memory for each). Built with esbuild's command line (tsx
 * already brings esbuild) into dist/ at the repository root (under the root so that packages resolve
 * from node_modules). The file is written under a temporary name and renamed into place, so
 * processes building at once never see half a file. Undefined where esbuild is missing or the build
 * fails: the caller then starts the worker through its tsx entry.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = new URL('../../dist/', import.meta.url);

/** Bundles `source` into dist/<name>.mjs and returns its URL. */
export function bundleWorker(source: URL, name: string): URL | undefined {
  if (!existsSync(fileURLToPath(source))) return undefined;
  try {
    // The command line, run to completion: the JavaScript API would keep a helper thread and an
    // esbuild process (~16 MB) for later calls, and there are none.
    const esbuild = path.join(path.dirname(esbuildPackage()), 'bin', 'esbuild');
    mkdirSync(OUT_DIR, { recursive: true });
    const out = new URL(`${name}.mjs`, OUT_DIR);
    const tmp = fileURLToPath(new URL(`${name}.mjs.${process.pid}.${Date.now()}.tmp`, OUT_DIR));
    const options = ['--bundle', '--platform=node', '--format=esm', '--target=node20', '--packages=external', '--log-level=error', '--legal-comments=none'];
    const banner = `--banner:js=// Built from ${path.relative(fileURLToPath(new URL('..', OUT_DIR)), fileURLToPath(source))} by src/shared/worker-bundle.ts; not edited by hand.`;
    try {
      execFileSync(esbuild, [fileURLToPath(source), ...options, banner, `--outfile=${tmp}`], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
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
