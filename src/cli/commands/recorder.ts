import { Command } from 'commander';
import { pino } from 'pino';
import { loadConfig } from '../../config/load.ts';
import { describeCommand } from '../command-index.ts';

/** `custos recorder`: records the cameras this process holds leases on (cluster mode, PostgreSQL), until SIGTERM/SIGINT. */
export function recorderCommand(): Command {
  return new Command('recorder').description(describeCommand('recorder')).action(async () => {
    const config = loadConfig();
    const log = pino({ level: config.log.level });
    const { startRecorderProcess } = await import('../../cluster/recorder-process.ts');
    const recorder = await startRecorderProcess(config, { log });
    const stop = (signal: string) => {
      log.info({ nodeId: recorder.nodeId }, `${signal}: finishing segments and handing the cameras back`);
      // A stop that hangs must not keep the leases from lapsing: exit anyway.
      setTimeout(() => process.exit(1), 10_000).unref();
      void recorder.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'recorder did not stop cleanly');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await new Promise<never>(() => {});
  });
}
