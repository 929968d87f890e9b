#!/usr/bin/env node
// Custos command line: runs the TypeScript sources directly through tsx's loader.
import { register } from 'tsx/esm/api';

// Segment writes fsync on libuv's thread pool; its default of 4 threads is too few for many cameras.
process.env.UV_THREADPOOL_SIZE ??= '16';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
