/**
 * `custos release`: public release (art. 22) from the command line, each step on behalf of a user
 * (--as) with the same checks as the API: create, detect (progress bar; Ctrl-C cancels), resolve,
 * sign-off, approve, publish (the render job's progress bar; Ctrl-C cancels), list, show.
 */
import { Command, Option } from 'commander';
import { RELEASE_BASIS_TYPES, RELEASE_CHANNELS, RESOLUTIONS, type RedactionJob, type RenderJob, type ReleaseBasisType, type ReleaseChannel, type Resolution } from '../../disclosure/release/model.ts';
import type { Principal } from '../../access/principal.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { withRuntime, type Runtime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';
import { principalFor } from './export-bundle.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the job until it ends, drawing its progress; Ctrl-C cancels it. */
async function follow(rt: Runtime, as: string, releaseId: string): Promise<RedactionJob> {
  const principal = await principalFor(rt.db.db, as);
  const bar = progressBar();
  let interrupted = false;
  const onSigint = () => (interrupted = true);
  process.once('SIGINT', onSigint);
  try {
    for (;;) {
      if (interrupted) return await rt.services.redactionJobs.cancel(principal, releaseId);
      const job = await rt.services.redactionJobs.current(principal, releaseId);
      bar.update(job.progress);
      if (job.status !== 'QUEUED' && job.status !== 'RUNNING') return job;
      await sleep(250);
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
}

/** Polls the render job until it ends, drawing its progress; Ctrl-C cancels it (no file, no register entry). */
async function followRender(rt: Runtime, principal: Principal, releaseId: string): Promise<RenderJob> {
  const bar = progressBar();
  let interrupted = false;
  const onSigint = () => (interrupted = true);
  process.once('SIGINT', onSigint);
  try {
    for (;;) {
      if (interrupted) {
        await rt.services.releases.cancelRender(principal, releaseId).catch(() => undefined);
        await rt.services.redactionRunner.idle();
        return await rt.services.releases.render(principal, releaseId);
      }
      const job = await rt.services.releases.render(principal, releaseId);
      bar.update(job.progress);
      if (job.status !== 'QUEUED' && job.status !== 'RUNNING') return job;
      await sleep(250);
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
}

const summary = (job: RedactionJob) => ({
  id: job.id,
  status: job.status,
  error: job.error,
  unresolved: job.unresolved,
  signOff: job.signOff,
  tracks: job.tracks.map((t) => ({ id: t.id, kind: t.kind, source: t.source, from: t.keyframes[0]?.t, to: t.keyframes.at(-1)?.t, resolution: t.resolution, justification: t.justification })),
});

export function releaseCommand(): Command {
  const release = new Command('release').description(describeCommand('release'));
  const as = () => new Option('--as <username>', 'the user this step is taken for (their grants apply)').makeOptionMandatory();

  release
    .command('create')
    .description('ask for a public release of a recorded range')
    .requiredOption('--camera <id>')
    .requiredOption('--from <instant>', 'ISO 8601')
    .requiredOption('--to <instant>', 'ISO 8601')
    .addOption(new Option('--basis-type <type>').choices(RELEASE_BASIS_TYPES).makeOptionMandatory())
    .requiredOption('--basis-text <text>', 'the provision, notice or consent')
    .requiredOption('--purpose <text>', '事由 (at least 10 characters)')
    .addOption(new Option('--channel <channel>').choices(RELEASE_CHANNELS).makeOptionMandatory())
    .option('--url <url>')
    .addOption(as())
    .action(async (o: { camera: string; from: string; to: string; basisType: ReleaseBasisType; basisText: string; purpose: string; channel: ReleaseChannel; url?: string; as: string }) =>
      withRuntime(async (rt) => {
        const principal = await principalFor(rt.db.db, o.as);
        printJson(await rt.services.releases.create(principal, { cameraId: o.camera, from: o.from, to: o.to, basis: { type: o.basisType, text: o.basisText }, purpose: o.purpose, channel: o.channel, url: o.url ?? null }));
      }),
    );

  release
    .command('detect')
    .description('run the redaction job (faces, plates, text) with a progress bar; Ctrl-C cancels it')
    .argument('<releaseId>')
    .option('--every-nth <n>', 'detect on every Nth frame', (v) => Number.parseInt(v, 10))
    .addOption(as())
    .action(async (releaseId: string, o: { everyNth?: number; as: string }) =>
      withRuntime(async (rt) => {
        const principal = await principalFor(rt.db.db, o.as);
        await rt.services.redactionJobs.start(principal, releaseId, o.everyNth ? { everyNth: o.everyNth } : {});
        const job = await follow(rt, o.as, releaseId);
        printJson(summary(job));
        if (job.status !== 'DONE') process.exitCode = 1;
      }),
    );

  release
    .command('job')
    .description('the release’s redaction job: tracks, resolutions, sign-off')
    .argument('<releaseId>')
    .addOption(as())
    .action(async (releaseId: string, o: { as: string }) =>
      withRuntime(async (rt) => printJson(summary(await rt.services.redactionJobs.current(await principalFor(rt.db.db, o.as), releaseId)))),
    );

  release
    .command('resolve')
    .description('resolve tracks: MASK, or JUSTIFIED (left visible) with --justification')
    .argument('<releaseId>')
    .option('--track <id...>', 'the tracks to resolve')
    .option('--all-unresolved', 'every track not yet resolved')
    .addOption(new Option('--resolution <r>').choices(RESOLUTIONS).default('MASK'))
    .option('--justification <text>')
    .addOption(as())
    .action(async (releaseId: string, o: { track?: string[]; allUnresolved?: boolean; resolution: Resolution; justification?: string; as: string }) =>
      withRuntime(async (rt) => {
        const principal = await principalFor(rt.db.db, o.as);
        let job = await rt.services.redactionJobs.current(principal, releaseId);
        const ids = o.allUnresolved ? job.tracks.filter((t) => t.resolution === null).map((t) => t.id) : (o.track ?? []);
        for (const trackId of ids) job = await rt.services.redactionJobs.edit(principal, releaseId, { action: 'RESOLVE', trackId, resolution: o.resolution, justification: o.justification ?? null });
        printJson(summary(job));
      }),
    );

  release
    .command('sign-off')
    .description('sign that every detection is masked or justified')
    .argument('<releaseId>')
    .addOption(as())
    .action(async (releaseId: string, o: { as: string }) =>
      withRuntime(async (rt) => printJson(summary(await rt.services.redactionJobs.signOff(await principalFor(rt.db.db, o.as), releaseId)))),
    );

  release
    .command('approve')
    .description('approve a signed-off release (not the requester; APPROVE on the camera)')
    .argument('<releaseId>')
    .option('--note <text>')
    .addOption(as())
    .action(async (releaseId: string, o: { note?: string; as: string }) =>
      withRuntime(async (rt) => printJson(await rt.services.releases.approve(await principalFor(rt.db.db, o.as), releaseId, o.note))),
    );

  release
    .command('publish')
    .description('render the redacted file as a job (progress bar; Ctrl-C cancels), then store it with its manifest and record the release')
    .argument('<releaseId>')
    .addOption(as())
    .action(async (releaseId: string, o: { as: string }) =>
      withRuntime(async (rt) => {
        const principal = await principalFor(rt.db.db, o.as);
        await rt.services.releases.publish(principal, releaseId);
        const job = await followRender(rt, principal, releaseId);
        if (job.status === 'DONE') printJson(await rt.services.releases.get(principal, releaseId));
        else {
          printJson(job);
          process.exitCode = 1;
        }
      }),
    );

  release
    .command('list')
    .description('the release register (REG-22-3)')
    .addOption(as())
    .action(async (o: { as: string }) =>
      withRuntime(async (rt) => {
        const rows = await rt.services.releases.list(await principalFor(rt.db.db, o.as));
        printJson(rows.map((r) => ({ id: r.id, status: r.status, cameraId: r.cameraId, from: r.from, to: r.to, channel: r.channel, url: r.url, basis: r.basis, approver: r.approver?.name ?? null, publishedAt: r.publishedAt, sha256: r.file?.sha256 ?? null })));
      }),
    );

  release
    .command('show')
    .description('one release, with its manifest')
    .argument('<releaseId>')
    .addOption(as())
    .action(async (releaseId: string, o: { as: string }) => withRuntime(async (rt) => printJson(await rt.services.releases.get(await principalFor(rt.db.db, o.as), releaseId))));

  return release;
}
