/** `custos state-organ-request …`: requests from state organs (art. 20) from the command line. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { describeCommand } from '../command-index.ts';
import { principalFor } from './export-bundle.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../disclosure/state-organ/model.ts';

async function withScan(body: Record<string, unknown>, scan: string | undefined): Promise<Record<string, unknown>> {
  if (!scan) return body;
  const document = (body.document ?? {}) as Record<string, unknown>;
  const file = { fileName: path.basename(scan), contentType: scan.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg', contentBase64: (await readFile(scan)).toString('base64') };
  return { ...body, document: { ...document, file } };
}

export function stateOrganCommand(): Command {
  const command = new Command('state-organ-request').description(describeCommand('state-organ-request'));

  command
    .command('create')
    .description('record a request (REG-20-1) from a JSON file shaped as POST /api/state-organ-requests; --scan attaches the document’s scan')
    .requiredOption('--as <username>', 'the staff member entering it (EXPORT on every camera in scope)')
    .requiredOption('--file <request.json>')
    .option('--scan <file>', 'the legal-basis document’s scan (PDF or image)')
    .action(async (o: { as: string; file: string; scan?: string }) =>
      withRuntime(async ({ db, services }) => {
        const body = await withScan(JSON.parse(await readFile(o.file, 'utf8')) as Record<string, unknown>, o.scan);
        printJson(await services.stateOrgan.requests.create(await principalFor(db.db, o.as), body));
      }),
    );

  command
    .command('list')
    .description('the requests within the user’s reach (EMERGENCY_DOCS_OVERDUE flagged)')
    .requiredOption('--as <username>')
    .option('--status <status>', REQUEST_STATUSES.join(' | '))
    .action(async (o: { as: string; status?: string }) =>
      withRuntime(async ({ db, services }) => {
        const filter = o.status ? { status: o.status as RequestStatus } : {};
        printJson(await services.stateOrgan.requests.list(await principalFor(db.db, o.as), filter));
      }),
    );

  command
    .command('approve')
    .description('approve (four eyes: not the creator; APPROVE on every camera); puts a hold on the scope')
    .argument('<id>')
    .requiredOption('--as <username>')
    .option('--note <text>')
    .option('--verbal', 'verbal approval of an emergency request, documents to follow within 24 h')
    .action(async (id: string, o: { as: string; note?: string; verbal?: boolean }) =>
      withRuntime(async ({ db, services }) => {
        printJson(await services.stateOrgan.requests.approve(await principalFor(db.db, o.as), id, { ...(o.note ? { note: o.note } : {}), ...(o.verbal ? { verbal: true } : {}) }));
      }),
    );

  command
    .command('amend')
    .description('widen the scope (REG-20-2): a JSON file {document, scope} with a new document reference; --scan attaches its scan')
    .argument('<id>')
    .requiredOption('--as <username>', 'not the creator; APPROVE on every added camera')
    .requiredOption('--file <amendment.json>')
    .option('--scan <file>')
    .action(async (id: string, o: { as: string; file: string; scan?: string }) =>
      withRuntime(async ({ db, services }) => {
        const body = await withScan(JSON.parse(await readFile(o.file, 'utf8')) as Record<string, unknown>, o.scan);
        printJson(await services.stateOrgan.requests.amend(await principalFor(db.db, o.as), id, body));
      }),
    );

  command
    .command('handover')
    .description('hand over the scope’s signed bundle (REG-20-3); --receipt writes the printable receipt PDF')
    .argument('<id>')
    .requiredOption('--as <username>')
    .option('--marking <marking>', '机密 | 秘密 | 绝密 | 内部', '机密')
    .option('--receipt <file.pdf>')
    .action(async (id: string, o: { as: string; marking: string; receipt?: string }) =>
      withRuntime(async ({ db, services }) => {
        const principal = await principalFor(db.db, o.as);
        const handover = await services.stateOrgan.handovers.handover(principal, id, { marking: o.marking });
        if (o.receipt) await writeFile(path.resolve(o.receipt), await services.stateOrgan.handovers.receipt(principal, id, handover.id), { flag: 'wx' });
        printJson(handover);
      }),
    );

  command
    .command('sign')
    .description('record the receiving officer’s signature of a hand-over receipt')
    .argument('<id>')
    .argument('<handoverId>')
    .requiredOption('--as <username>')
    .requiredOption('--signed-by <name>')
    .option('--signed-at <instant>')
    .action(async (id: string, hid: string, o: { as: string; signedBy: string; signedAt?: string }) =>
      withRuntime(async ({ db, services }) => {
        printJson(await services.stateOrgan.handovers.sign(await principalFor(db.db, o.as), id, hid, { signedBy: o.signedBy, ...(o.signedAt ? { signedAt: o.signedAt } : {}) }));
      }),
    );

  command
    .command('close')
    .description('close the request: its holds are released postCloseDays (default 30) later (REG-20-5)')
    .argument('<id>')
    .requiredOption('--as <username>')
    .option('--note <text>')
    .option('--post-close-days <days>', 'days the hold is kept after closing', (v) => Number.parseInt(v, 10))
    .action(async (id: string, o: { as: string; note?: string; postCloseDays?: number }) =>
      withRuntime(async ({ db, services }) => {
        const body = { ...(o.note ? { note: o.note } : {}), ...(o.postCloseDays !== undefined ? { postCloseDays: o.postCloseDays } : {}) };
        printJson(await services.stateOrgan.requests.close(await principalFor(db.db, o.as), id, body));
      }),
    );

  return command;
}
