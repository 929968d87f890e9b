// Preloaded into each measured `custos` process: writes its CPU time (user + system, µs) on exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(process.env.BENCH_CLI_CPU_FILE, String(user + system));
});
