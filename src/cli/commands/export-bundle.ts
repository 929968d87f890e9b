/**
 * `custos export`: an export bundle made at the server by an operator, on behalf of a user who holds
 * EXPORT on the camera (--as), recorded in the register with client address 'cli'.
 * `custos verify BUNDLE`: checks a bundle offline, with no server and no database.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { BASIS_TYPES, type Basis } from '../../access/register/model.ts';
import { requireBasis } from '../../access/video-access/basis.ts';
import { exportBasisRequired } from '../../access/video-access/errors.ts';
import { viewOnly } from '../../disclosure/art21/errors.ts';
import { checkReason } from '../../access/register/reason.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { Principal } from '../../access/principal.ts';
import { usersRepository } from '../../access/accounts/users-repository.ts';
import { checkRange } from '../../access/video-access/video-access-service.ts';
import { verifyBundle } from '../../bundle/verify-bundle.ts';
import type { Db } from '../../db/connect.ts';
import { exporterNotFound } from '../../ledger/errors.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';

export async function principalFor(db: Db, username: string): Promise<Principal> {
  const user = await usersRepository.byUsername(db, username);
  if (!user || user.active !== 1) throw exporterNotFound(username);
  const unitName = await usersRepository.unitName(db, user.unitId);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    unitName: unitName ?? '',
    kind: user.kind === 'CONTRACTOR' ? 'CONTRACTOR' : 'STAFF',
    via: 'session',
    clientAddress: 'cli',
  };
}

interface ExportOptions {
  camera: string;
  from: string;
  to: string;
  reasonCategory: string;
  reason: string;
  as: string;
  out: string;
  basisType?: string;
  basisRef?: string;
}

export function exportBundleCommands(): Command[] {
  const exportCommand = new Command('export')
    .description(describeCommand('export'))
    .requiredOption('--camera <id>')
    .requiredOption('--from <instant>', 'ISO 8601')
    .requiredOption('--to <instant>', 'ISO 8601')
    .requiredOption('--reason-category <category>', '事由 category (e.g. INCIDENT_INVESTIGATION)')
    .requiredOption('--reason <text>', '事由 text (at least 10 characters)')
    .requiredOption('--as <username>', 'the user the export is made for; must hold EXPORT on the camera')
    .requiredOption('--out <file>', 'the bundle file to write (must not exist)')
    .option('--basis-type <type>', 'INCIDENT | REQUEST | HOLD | STATE_ORGAN_REQUEST | PUBLIC_RELEASE (required: REG-23-1)')
    .option('--basis-ref <ref>')
    .action(async (o: ExportOptions) =>
      withRuntime(async ({ db, services, clock }) => {
        const principal = await principalFor(db.db, o.as);
        const range = checkRange(o.from, o.to);
        const reason = checkReason({ category: o.reasonCategory, text: o.reason });
        await services.authorization.requireCamera(principal, 'EXPORT', o.camera);
        if (o.basisType && (!(BASIS_TYPES as readonly string[]).includes(o.basisType) || !o.basisRef?.trim())) {
          throw new InvalidError('E_BASIS_INVALID', { message: { zh: `--basis-type 应为 ${BASIS_TYPES.join('、')},并须给出 --basis-ref`, en: `--basis-type must be one of ${BASIS_TYPES.join(', ')}, with --basis-ref` } });
        }
        // REG-23-1: no export without a registered basis that covers the camera and range; an art. 21 request never exports.
        if (!o.basisType) throw exportBasisRequired();
        const basis = { type: o.basisType as Basis['type'], ref: (o.basisRef ?? '').trim() };
        if (basis.type === 'ART21_REQUEST') throw viewOnly('EXPORT');
        await requireBasis(db.db, principal, basis, { cameraId: o.camera, ...range }, clock.now());
        const result = await services.bundles.export(principal, { cameraIds: [o.camera], ...range, reason, basis, approver: null, exportRequestId: null }, path.resolve(o.out));
        printJson(result);
      }),
    );

  const verifyCommand = new Command('verify')
    .description(describeCommand('verify'))
    .argument('<bundle>')
    .option('--public-key <file>', 'the ledger public key (PEM) to trust, as published at /api/ledger/public-key')
    .action(async (bundle: string, o: { publicKey?: string }) => {
      const bar = progressBar();
      const trusted = o.publicKey ? await readFile(o.publicKey, 'utf8') : undefined;
      const result = await verifyBundle(path.resolve(bundle), { ...(trusted ? { trustedPublicKeyPem: trusted } : {}), onProgress: (p) => bar.update(p) });
      bar.stop();
      printJson(result);
      for (const layer of result.layers) process.stderr.write(`${layer.ok ? '✓' : '✗'} ${layer.layer.padEnd(18)} ${layer.detail}\n`);
      if (!result.ok) process.stderr.write(`导出包校验失败 / bundle does not verify: layer ${result.firstFailure?.layer}${result.firstFailure?.file ? `, file ${result.firstFailure.file}` : ''}\n`);
      process.exitCode = result.ok ? 0 : 1;
    });

  return [exportCommand, verifyCommand];
}
