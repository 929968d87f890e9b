/**
 * `custos webhook …`: Standard Webhooks endpoints at the server, each step done as a user (--as) whose
 * rights the services check exactly as over HTTP. The secret is printed once, by add and rotate-secret.
 * Test events and redeliveries are queued in the database; the running server sends them.
 */
import { Command } from 'commander';
import { usersRepository } from '../../access/accounts/users-repository.ts';
import { principalOfUser } from '../../access/accounts/principal-resolver.ts';
import type { Principal } from '../../access/principal.ts';
import type { Db } from '../../db/connect.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../events/out/webhook-event-types.ts';
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

function eventTypes(list: string | undefined): WebhookEventType[] | undefined {
  if (list === undefined) return undefined;
  const types = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = types.filter((s) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new InvalidError('E_WEBHOOK_EVENT_TYPE_UNKNOWN', {
      message: { zh: `未知的事件类型:${unknown.join(', ')}`, en: `Unknown event types: ${unknown.join(', ')}` },
      details: { unknown, known: WEBHOOK_EVENT_TYPES },
    });
  }
  return types as WebhookEventType[];
}

const AS = ['--as <username>', 'the user doing it (CONFIG over everything or ADMINISTER to change; AUDIT to read)'] as const;

export function webhookCommand(): Command {
  const command = new Command('webhook').description(describeCommand('webhook'));

  command
    .command('add')
    .description('add an endpoint; prints its whsec_ signing secret this once')
    .requiredOption('--url <url>', 'http(s) URL the events are posted to')
    .option('--description <text>', 'what it is for')
    .option('--events <types>', `comma-separated event types (default: all): ${WEBHOOK_EVENT_TYPES.join(', ')}`)
    .option('--disabled', 'add it switched off')
    .requiredOption(...AS)
    .action(async (o: { url: string; description?: string; events?: string; disabled?: boolean; as: string }) =>
      withRuntime(async ({ db, services }) => {
        const created = await services.webhooks.create(await principalFor(db.db, o.as), { url: o.url, description: o.description, eventTypes: eventTypes(o.events), enabled: !o.disabled });
        printJson(created);
        process.stderr.write('签名密钥仅显示这一次,请妥善保存 / The signing secret is shown this once: keep it now\n');
      }),
    );

  command
    .command('list')
    .description('endpoints, from the database and from YAML (never their secrets)')
    .requiredOption(...AS)
    .action(async (o: { as: string }) => withRuntime(async ({ db, services }) => printJson(await services.webhooks.list(await principalFor(db.db, o.as)))));

  command
    .command('show <id>')
    .description('one endpoint')
    .requiredOption(...AS)
    .action(async (id: string, o: { as: string }) => withRuntime(async ({ db, services }) => printJson(await services.webhooks.get(await principalFor(db.db, o.as), id))));

  command
    .command('rotate-secret <id>')
    .description('a new signing secret, printed this once; the old one stops at once')
    .requiredOption(...AS)
    .action(async (id: string, o: { as: string }) =>
      withRuntime(async ({ db, services }) => {
        printJson(await services.webhooks.rotateSecret(await principalFor(db.db, o.as), id));
        process.stderr.write('签名密钥仅显示这一次,请妥善保存 / The signing secret is shown this once: keep it now\n');
      }),
    );

  command
    .command('test <id>')
    .description('queue a webhook.test message to the endpoint (the running server sends it)')
    .requiredOption(...AS)
    .action(async (id: string, o: { as: string }) => withRuntime(async ({ db, services }) => printJson(await services.webhooks.sendTest(await principalFor(db.db, o.as), id))));

  command
    .command('deliveries <id>')
    .description("the endpoint's recent messages and every attempt (status code, error, duration)")
    .option('--dead', 'only the dead letters (of every endpoint)')
    .requiredOption(...AS)
    .action(async (id: string, o: { as: string; dead?: boolean }) =>
      withRuntime(async ({ db, services }) => {
        const principal = await principalFor(db.db, o.as);
        printJson(o.dead ? (await services.webhooks.deadLetters(principal)).filter((m) => m.endpointId === id) : await services.webhooks.deliveries(principal, id));
      }),
    );

  command
    .command('redeliver <messageId>')
    .description('send a message (a dead letter) again from the first attempt of the schedule')
    .requiredOption(...AS)
    .action(async (messageId: string, o: { as: string }) => withRuntime(async ({ db, services }) => printJson(await services.webhooks.redeliver(await principalFor(db.db, o.as), messageId))));

  return command;
}
