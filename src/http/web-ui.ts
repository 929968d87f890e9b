/**
 * The React web UI (web/, built by Vite into web/dist, which git ignores). `npm start` builds it in
 * its prestart step when the sources are newer than the build; the e2e tests and the viewing bench
 * call ensureWebBuild() themselves. Without a build the server answers / with a page saying so.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
export const WEB_DIST = path.join(WEB_SOURCE, 'dist');

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/** Whether web/dist is missing or older than any of the UI's sources. */
export function webBuildStale(): boolean {
  const built = path.join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => path.join(WEB_SOURCE, p)).filter((p) => existsSync(p));
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/** Builds the UI with Vite when it is stale; returns whether it built. */
export async function ensureWebBuild(): Promise<boolean> {
  if (!webBuildStale()) return false;
  const { build } = await import('vite');
  // A production build whoever calls (Vite takes NODE_ENV as it finds it, and test runners set 'test').
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(WEB_SOURCE, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

/** Shown at / while web/dist does not exist. */
export const UNBUILT_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Custos</title></head>
<body><h1>Custos</h1><p>网页界面尚未构建:请运行 <code>npm run build:web</code>(<code>npm start</code> 会自动构建)。</p>
<p>The web UI is not built yet: run <code>npm run build:web</code> (<code>npm start</code> builds it).</p>
<p><a href="/api/docs/">API</a></p></body></html>`;
