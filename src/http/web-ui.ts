/**
 * The React web UI (web/, built by Vite into web/dist, which git ignores, by `npm run build`: see
 * scripts/build.mjs). Without a build the server answers / with a page saying so.
 */
import path from 'node:path';
import { REPO_ROOT } from '../shared/repo-root.ts';

export const WEB_SOURCE = path.join(REPO_ROOT, 'web');
export const WEB_DIST = path.join(WEB_SOURCE, 'dist');

/** Shown at / while web/dist does not exist. */
export const UNBUILT_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Custos</title></head>
<body><h1>Custos</h1><p>网页界面尚未构建:请运行 <code>npm run build:web</code>(<code>npm start</code> 会自动构建)。</p>
<p>The web UI is not built yet: run <code>npm run build:web</code> (<code>npm start</code> builds it).</p>
<p><a href="/api/docs/">API</a></p></body></html>`;
