import { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { describeCommand } from '../command-index.ts';

/** The most a stop may take before the process exits anyway. */
const STOP_LIMIT_MS = 4_500;

export function serveCommand(): Command {
  return new Command('serve').description(describeCommand('serve')).action(async () => {
    const config = loadConfig();
    const { startServer } = await import('../../server.ts');
    const server = await startServer(config);
    server.app.log.info(`Custos is listening on ${server.url} (API docs: ${server.url}/api/docs)`);
    const stop = (signal: string) => {
      server.app.log.info(`${signal}: shutting down`);
      // Client streams are ended and open segments finished well within this; a stop that hangs on
      // something else must not keep a service manager waiting (segments left open are recovered at start).
      setTimeout(() => {
        server.app.log.error(`${signal}: shutdown did not finish within ${STOP_LIMIT_MS / 1000} s; exiting anyway`);
        process.exit(1);
      }, STOP_LIMIT_MS).unref();
      void server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          server.app.log.error({ err: error }, 'server did not stop cleanly');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await new Promise<never>(() => {});
  });
}
