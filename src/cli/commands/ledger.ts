/** `custos ledger …`: follow the sources now, sign a checkpoint, verify everything (against pinned keys and the anchor file), rotate the key (art. 15). */
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { defaultAnchorFile, readAnchor, type AnchorRecord } from '../../ledger/anchor-file.ts';
import { publicKeyUnreadable } from '../../ledger/errors.ts';
import { verifyLedger } from '../../ledger/ledger-verify.ts';
import { ledgerFailure } from '../../events/security/ledger-check.ts';
import { loadKey, publicKeyFrom } from '../../ledger/signing-key.ts';
import type { PublicKeyRef } from '../../ledger/trust.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

export function ledgerCommand(): Command {
  const command = new Command('ledger').description(describeCommand('ledger'));

  command
    .command('sync')
    .description('append leaves for every new segment, deletion, register and history entry now')
    .action(async () => withRuntime(async ({ services }) => printJson(await services.ledger.sync())));

  command
    .command('checkpoint')
    .description('follow the sources, then sign a checkpoint of the current tree')
    .action(async () =>
      withRuntime(async ({ services }) => {
        await services.ledger.sync();
        printJson(await services.ledger.checkpoint());
      }),
    );

  command
    .command('verify')
    .description('recompute everything from the database and the files; exit 1 naming the first thing that is wrong')
    .option('--public-key <file>', 'trust only this key (PEM, or the JSON of GET /api/ledger/public-key) and the keys it handed over to by signed rotation; repeatable', collect, [])
    .option('--checkpoints <file>', 'the anchor file (JSON lines of exported checkpoints) the tree must still hold; default: ledger.anchorFile')
    .option('--anchor <file>', 'same as --checkpoints')
    .action(async (o: { publicKey: string[]; checkpoints?: string; anchor?: string }) =>
      withRuntime(async ({ db, config, services }) => {
        const pinned = await Promise.all(o.publicKey.map(readPublicKey));
        const { anchor, warning } = await anchorOf(o.checkpoints ?? o.anchor, config.ledger.anchorFile, config.dataDir);
        const bar = progressBar();
        const disk = await loadKey(config.dataDir);
        const result = await verifyLedger(db.db, services.segmentStores.reader, disk, { pinned, ...(anchor ? { anchor } : {}), onProgress: (p) => bar.update(p) });
        bar.stop();
        // A failure is also a CRITICAL alarm (art. 23(5)), in the alarm list and out to syslog.
        const failure = ledgerFailure(result, 'cli');
        if (failure) services.security.verificationFailed(failure);
        if (warning) result.warnings.push(warning);
        printJson(result);
        for (const w of result.warnings) process.stderr.write(`警告 / WARNING: ${w}\n`);
        if (result.ok) process.stderr.write(`账本完整 / ledger holds: ${result.leaves} leaves, ${result.checkpoints} checkpoints${result.anchored === undefined ? '' : `, ${result.anchored} anchored checkpoints`} (trust: ${result.trust.source})\n`);
        else process.stderr.write(`账本校验失败 / ledger does not verify: [${result.firstProblem?.layer}] ${result.firstProblem?.code} ${result.firstProblem?.detail}\n`);
        process.exitCode = result.ok ? 0 : 1;
      }),
    );

  command
    .command('rotate-key')
    .description('replace the signing key: the old key signs the hand-over when it is still there, else a loud KEY_ROTATED record without signature; then a checkpoint with the new key')
    .requiredOption('--reason <text>', 'why (kept in the history and the anchor file)')
    .option('--as <name>', 'who rotates (kept in the history)', 'cli')
    .action(async (o: { reason: string; as: string }) =>
      withRuntime(async ({ services }) => {
        const result = await services.ledger.rotateKey(o.reason, o.as);
        printJson(result);
        if (result.rotation.signature === null) {
          process.stderr.write(`警告 / WARNING: 旧密钥缺失,轮换未经旧密钥签名 / the old key is gone: this rotation is NOT signed by it; verifiers must pin the new key ${result.rotation.newKeyId} explicitly\n`);
        }
      }),
    );

  return command;
}

/**
 * The anchor file to hold the database against: the one named (--checkpoints), else the configured
 * or default one. A named or configured file must be there; the default one may be missing (a new
 * system), with a warning.
 */
async function anchorOf(named: string | undefined, configured: string | undefined, dataDir: string): Promise<{ anchor?: AnchorRecord[]; warning?: string }> {
  const file = named ?? configured ?? defaultAnchorFile(dataDir);
  if (!named && !configured && !existsSync(file)) return { warning: `no anchor file at ${file}: the database is checked against itself only` };
  return { anchor: await readAnchor(file) };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function readPublicKey(file: string): Promise<PublicKeyRef> {
  try {
    return publicKeyFrom(await readFile(file, 'utf8'));
  } catch (error) {
    throw publicKeyUnreadable(file, String(error));
  }
}
