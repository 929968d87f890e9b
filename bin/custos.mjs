#!/usr/bin/env node
// Custos command line, run from the compiled JavaScript in dist/ (`npm run build`, which `npm install`
// and `npm start` run). CUSTOS_FROM_SOURCE=1 runs the TypeScript sources through tsx instead (development).
import { existsSync } from 'node:fs';

// Segment writes fsync on libuv's thread pool; its default of 4 threads is too few for many cameras.
process.env.UV_THREADPOOL_SIZE ??= '16';

const built = new URL('../dist/cli/main.js', import.meta.url);
let entry = built;
if (process.env.CUSTOS_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url);
} else if (!existsSync(built)) {
  process.stderr.write('custos: not built yet: run `npm run build` (npm install and npm start run it) / 尚未构建:请运行 npm run build\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
