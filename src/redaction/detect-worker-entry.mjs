// Worker threads do not inherit the main thread's TypeScript loader: register it, then start the worker.
import { register } from 'tsx/esm/api';

register();
await import('./detect-worker.ts');
