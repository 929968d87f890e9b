/**
 * `custos art21-request …`: art. 21 viewing requests at the server, each step done as a user (--as)
 * whose rights the services check exactly as over HTTP: create (intake with proof files), list,
 * show, decide, acknowledge (the requester's typed name), session (open a supervised view-only session).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { usersRepository } from '../../access/accounts/users-repository.ts';
import { principalOfUser } from '../../access/accounts/principal-resolver.ts';
import type { Principal } from '../../access/principal.ts';
import type { Db } from '../../db/connect.ts';
import { InvalidError } from '../../shared/errors.ts';
import { describeCommand } from '../command-index.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';

async function principalFor(db: Db, username: string): Promise<Principal> {
  const user = await usersRepository.byUsername(db, username);
  const principal = user && user.active === 1 ? await principalOfUser(db, user, { via: 'session', clientAddress: 'cli' }) : undefined;
  if (!principal) throw new InvalidError('E_USER_NOT_FOUND', { message: { zh: `没有启用的用户:${username}`, en: `No active user named ${username}` }, details: { username } });
  return principal;
}

const MEDIA_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

async function documentOf(spec: string): Promise<{ kind: string; fileName: string; mediaType: string; contentBase64: string }> {
  const [kind, file] = spec.includes('=') ? (spec.split('=', 2) as [string, string]) : ['OTHER', spec];
  const bytes = await readFile(file);
  return { kind, fileName: path.basename(file), mediaType: MEDIA_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', contentBase64: bytes.toString('base64') };
}

/** `CAMERA,FROM,TO` → a scope item. */
function scopeItem(spec: string): { cameraId: string; from: string; to: string } {
  const [cameraId, from, to] = spec.split(',');
  if (!cameraId || !from || !to) throw new InvalidError('E_SCOPE_SPEC', { message: { zh: '范围格式:摄像机,起,止', en: 'Scope format: CAMERA,FROM,TO' }, details: { spec } });
  return { cameraId, from, to };
}

const collect = (value: string, previous: string[]) => [...previous, value];
const as = ['--as <username>', 'the staff member acting (their rights are checked)'] as const;

export function art21RequestCommand(): Command {
  const command = new Command('art21-request').description(describeCommand('art21-request'));

  command
    .command('create')
    .description('take in a request to view (REG-21-1)')
    .requiredOption(...as)
    .requiredOption('--unit <id>', 'the management unit asked')
    .requiredOption('--name <name>', "the requester's name")
    .option('--id-type <type>', 'RESIDENT_ID | PASSPORT | HK_MACAO_PERMIT | TAIWAN_PERMIT | FOREIGN_PERMANENT_ID | OTHER', 'RESIDENT_ID')
    .requiredOption('--id-number <number>', "the requester's ID number")
    .option('--employer <unit>', "the requester's employer (recorded as actor unit; default 个人)")
    .requiredOption('--relationship <r>', 'SELF | CLOSE_RELATIVE | GUARDIAN | CARER | CUSTODIAN')
    .option('--subtype <s>', 'for CLOSE_RELATIVE: 配偶 父母 子女 兄弟姐妹 祖父母 外祖父母 孙子女 外孙子女')
    .requiredOption('--purpose <p>', 'LIFE_HEALTH | PROPERTY_SAFETY')
    .requiredOption('--description <text>', 'what happened and why the footage is needed')
    .requiredOption('--related-person <name>', 'the natural person concerned')
    .requiredOption('--incident-at <instant>', 'the stated incident time (ISO 8601 with offset)')
    .requiredOption('--place <text>', 'the stated incident place')
    .option('--document <KIND=FILE>', 'a proof document (repeatable); KIND: IDENTITY RELATIONSHIP GUARDIANSHIP CARE_CONTRACT CUSTODY_NOTE OTHER', collect, [])
    .action(async (o: Record<string, string | string[] | undefined>) =>
      withRuntime(async ({ db, services }) => {
        const principal = await principalFor(db.db, o.as as string);
        const documents = await Promise.all((o.document as string[]).map(documentOf));
        printJson(
          await services.art21.requests.intake(principal, {
            unitId: o.unit,
            requester: { name: o.name, idType: o.idType, idNumber: o.idNumber, ...(o.employer ? { employer: o.employer } : {}) },
            relationship: o.relationship,
            ...(o.subtype ? { relationshipSubtype: o.subtype } : {}),
            purpose: o.purpose,
            purposeDescription: o.description,
            relatedPerson: o.relatedPerson,
            incidentAt: o.incidentAt,
            incidentPlace: o.place,
            documents,
          }),
        );
      }),
    );

  command
    .command('list')
    .description('requests, optionally by status; --due shows overdue and due-soon ones')
    .requiredOption(...as)
    .option('--status <s>', 'PENDING_CONSENT | APPROVED | REJECTED | CLOSED')
    .option('--due', 'overdue and due-soon pending requests')
    .action(async (o: { as: string; status?: string; due?: boolean }) =>
      withRuntime(async ({ db, services }) => {
        const principal = await principalFor(db.db, o.as);
        printJson(o.due ? await services.art21.requests.reminders(principal) : await services.art21.requests.list(principal, o.status ? { status: o.status } : {}));
      }),
    );

  command
    .command('decide <id>')
    .description('the unit’s consent (REG-21-2): --approve with --scope CAMERA,FROM,TO (repeatable), or --reject with --reason')
    .requiredOption(...as)
    .option('--approve', 'consent')
    .option('--reject', 'refuse')
    .option('--reason <text>', 'the reason (required to reject)')
    .option('--scope <CAMERA,FROM,TO>', 'a camera and window (repeatable)', collect, [])
    .option('--justification <text>', 'why a window goes beyond ±2 h of the incident')
    .action(async (id: string, o: { as: string; approve?: boolean; reject?: boolean; reason?: string; scope: string[]; justification?: string }) =>
      withRuntime(async ({ db, services }) => {
        if (Boolean(o.approve) === Boolean(o.reject)) throw new InvalidError('E_DECISION_REQUIRED', { message: { zh: '须指定 --approve 或 --reject 之一', en: 'Give exactly one of --approve or --reject' } });
        const principal = await principalFor(db.db, o.as);
        printJson(
          await services.art21.requests.decide(principal, id, {
            decision: o.approve ? 'APPROVED' : 'REJECTED',
            ...(o.reason ? { reason: o.reason } : {}),
            ...(o.approve ? { scope: o.scope.map(scopeItem) } : {}),
            ...(o.justification ? { justification: o.justification } : {}),
          }),
        );
      }),
    );

  command
    .command('acknowledgement-text')
    .description('the non-dissemination text (Chinese and English) and its SHA-256')
    .action(async () => withRuntime(async ({ services }) => printJson(services.art21.sessions.text())));

  command
    .command('acknowledge <id>')
    .description('record the requester’s acknowledgement (REG-21-5): their typed name as signature over the current text')
    .requiredOption(...as)
    .requiredOption('--signed-name <name>', "the requester's name as they typed it")
    .action(async (id: string, o: { as: string; signedName: string }) =>
      withRuntime(async ({ db, services }) => {
        const principal = await principalFor(db.db, o.as);
        printJson(await services.art21.sessions.acknowledge(principal, id, { signedName: o.signedName, textSha256: services.art21.sessions.text().sha256 }));
      }),
    );

  command
    .command('session <id>')
    .description('open a supervised view-only session (REG-21-4, REG-21-6): one register entry, VIEW_ONLY tokens')
    .requiredOption(...as)
    .option('--range <CAMERA,FROM,TO>', 'a range within the scope (repeatable; default the whole scope)', collect, [])
    .action(async (id: string, o: { as: string; range: string[] }) =>
      withRuntime(async ({ db, services }) => {
        const principal = await principalFor(db.db, o.as);
        printJson(await services.art21.sessions.start(principal, id, o.range.length > 0 ? { ranges: o.range.map(scopeItem) } : {}));
      }),
    );

  return command;
}
