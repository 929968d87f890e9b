/**
 * Property tests run with a fixed seed so that a run is reproducible and CI is not a lottery;
 * `FUZZ_SEED=random` (or another number) explores further; `FUZZ_RUNS_FACTOR` scales the default number
 * of runs (tests that set their own numRuns keep it).
 */
import fc from 'fast-check';

const seedSetting = process.env.FUZZ_SEED ?? '20261128';
const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? '1');

fc.configureGlobal({
  ...(seedSetting === 'random' ? {} : { seed: Number(seedSetting) }),
  ...(factor !== 1 ? { numRuns: Math.max(1, Math.round(100 * factor)) } : {}),
});
