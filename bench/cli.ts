/**
 * How fast the `custos` command line answers (issue 11): `--help`, `--version`, a command's own help
 * and a database command (`unit list` on a migrated SQLite data folder), each run as users run it
 * (the compiled build in dist/) and, side by side in the same run, from the TypeScript sources through
 * tsx (CUSTOS_FROM_SOURCE=1, the way every command ran before). Median wall and CPU milliseconds per
 * command and the ratios; one JSON line.
 *
 *   npm run bench:cli
 *   BENCH_RUNS=5 npm run bench:cli
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'custos.mjs');
const PROBE = path.join(ROOT, 'bench', 'cli-cpu-probe.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const COMMANDS: Record<string, string[]> = {
  help: ['--help'],
  version: ['--version'],
  unitHelp: ['unit', '--help'],
  unitList: ['unit', 'list', '--json'],
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const round = (n: number): number => Math.round(n * 10) / 10;

function runOnce(args: string[], env: Record<string, string>, dir: string): { wallMs: number; cpuMs: number } {
  const cpuFile = path.join(dir, 'cpu');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', PROBE, BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, CUSTOS_DATA_DIR: path.join(dir, 'data'), BENCH_CLI_CPU_FILE: cpuFile, ...env },
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`custos ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { wallMs, cpuMs: Number(readFileSync(cpuFile, 'utf8')) / 1000 };
}

execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'ignore' });
const dir = mkdtempSync(path.join(tmpdir(), 'custos-bench-cli-'));
try {
  const sides = { built: {}, source: { CUSTOS_FROM_SOURCE: '1' } } as const;
  // Migrate the data folder once, so `unit list` measures a command, not the first migration.
  runOnce(COMMANDS.unitList!, sides.built, dir);
  const figures: Record<string, Record<string, { wallMs: number; cpuMs: number }>> = { built: {}, source: {} };
  for (const [name, args] of Object.entries(COMMANDS)) {
    const samples: Record<keyof typeof sides, { wallMs: number; cpuMs: number }[]> = { built: [], source: [] };
    // Interleaved, so that both sides meet the same load.
    for (let i = 0; i < RUNS; i++) for (const side of ['built', 'source'] as const) samples[side].push(runOnce(args, sides[side], dir));
    for (const side of ['built', 'source'] as const) {
      figures[side]![name] = { wallMs: round(median(samples[side].map((s) => s.wallMs))), cpuMs: round(median(samples[side].map((s) => s.cpuMs))) };
    }
  }
  const ratios = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, { wall: Math.round((figures.built![name]!.wallMs / figures.source![name]!.wallMs) * 1000) / 1000, cpu: Math.round((figures.built![name]!.cpuMs / figures.source![name]!.cpuMs) * 1000) / 1000 }]));
  const goals = { helpUnder500ms: figures.built!.help!.wallMs < 500, databaseCommandUnder1s: figures.built!.unitList!.wallMs < 1000 };
  process.stdout.write(`${JSON.stringify({ bench: 'cli', runs: RUNS, loadAverage1m: round(loadavg()[0] ?? 0), built: figures.built, source: figures.source, builtOverSource: ratios, goals })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
