import { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { describeCommand } from '../command-index.ts';

export function serveCommand(): Command {
  return new Command('serve').description(describeCommand('serve')).action(async () => {
    const config = loadConfig();
    const { startServer } = await import('../../server.ts');
    const server = await startServer(config);
    server.app.log.info(`Custos is listening on ${server.url} (API docs: ${server.url}/api/docs)`);
    const stop = (signal: string) => {
      server.app.log.info(`${signal}: shutting down`);
      void server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await new Promise<never>(() => {});
  });
}
