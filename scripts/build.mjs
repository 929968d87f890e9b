#!/usr/bin/env node
/**
 * `npm run build` (and `npm install`'s prepare, `npm start`'s prestart): compiles the server and the
 * command line into dist/cli with esbuild, and the web UI into web/dist with Vite, each only when its
 * sources are newer than its last build. Plain JavaScript, so that it runs before anything is built.
 *
 * dist/cli holds two entry points (the command line, which includes the server, and the recorder's
 * worker thread) and the chunks they share, split so that `custos --help` loads only what it prints.
 * Kysely and zod are bundled in (hundreds of small ES modules each, most of a command's start-up
 * time when loaded one by one); every other package stays in node_modules. The type check is
 * `npm run typecheck`'s job, not the build's.
 */
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'cli');
const STAMP = path.join(OUT_DIR, '.build-stamp');
const INPUTS = ['src', 'package.json', 'scripts/build.mjs'];
const BUNDLED_PACKAGES = /^(kysely|zod)(\/|$)/;

const WEB = path.join(ROOT, 'web');
// The UI also imports the policy pack's geometry and the registry's enumerations from src/.
const WEB_INPUTS = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'src/policy/cn-order-799', 'src/registry', 'src/redaction'];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** True when the built file is missing or older than one of the inputs. */
function stale(builtFile, inputs) {
  if (!existsSync(builtFile)) return true;
  const built = statSync(builtFile).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(ROOT, input)) > built);
}

/** Compiles src/ into dist/cli when stale; returns whether it built. */
export async function ensureServerBuild() {
  if (!stale(STAMP, INPUTS)) return false;
  rmSync(OUT_DIR, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts', 'recorder-worker': 'src/recorder/recorder-worker.ts', 'redaction-worker': 'src/redaction/detect-worker.ts' },
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Chunks beside the entries: paths relative to a module (web/, the worker) then hold in all of them.
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-from-node-modules',
        setup(plugin) {
          plugin.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return true;
}

/** Builds the web UI with Vite into web/dist when stale; returns whether it built. */
export async function ensureWebBuild() {
  if (!stale(path.join(WEB, 'dist', 'index.html'), WEB_INPUTS)) return false;
  const { build: viteBuild } = await import('vite');
  // A production build whoever calls (Vite takes NODE_ENV as it finds it, and test runners set 'test').
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({ configFile: path.join(WEB, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

export async function ensureBuild() {
  return { server: await ensureServerBuild(), web: await ensureWebBuild() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { server, web } = await ensureBuild();
  process.stdout.write(`server and command line: ${server ? 'built into dist/cli' : 'up to date'}; web UI: ${web ? 'built into web/dist' : 'up to date'}\n`);
}
