/** `custos <entity> add|list|show|update|deactivate|history` for a registry record type. */
import { Command } from 'commander';
import type { z } from 'zod';
import type { Services } from '../../app/services.ts';
import type { Actor } from '../../registry/services/context.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { addSchemaOptions, bodyFromOptions } from '../schema-options.ts';

interface EntityCommandService {
  create(input: unknown, actor: Actor): Promise<unknown>;
  get(id: string): Promise<unknown>;
  list(filter?: Record<string, string>): Promise<unknown[]>;
  update(id: string, patch: unknown, actor: Actor): Promise<unknown>;
  deactivate?(id: string, actor: Actor): Promise<unknown>;
}

export interface EntityCommandOptions {
  name: string;
  description: string;
  entityType: string;
  service: (services: Services) => EntityCommandService;
  createInput: z.ZodObject;
  updateInput: z.ZodObject;
  /** Fields shown in a list line, besides the id. */
  summary: string[];
  /** Options of `list` that filter by a field. */
  listFilters?: string[];
  extend?: (command: Command) => void;
}

/** One value of a list line: scalars as they are, structures as JSON. */
function cell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value.toString();
  return value === null || value === undefined ? '-' : JSON.stringify(value);
}

function actorFrom(options: { actor?: string }): Actor {
  return { name: options.actor ?? `cli:${process.env.USER ?? 'unknown'}` };
}

export function entityCommand(spec: EntityCommandOptions): Command {
  const command = new Command(spec.name).description(spec.description);

  addSchemaOptions(command.command('add').description(`register a ${spec.entityType}`), spec.createInput)
    .option('--actor <name>', 'who makes the change (kept in the history)')
    .action(async (options: Record<string, unknown>) =>
      withRuntime(async ({ services }) =>
        printJson(await spec.service(services).create(bodyFromOptions(spec.createInput, options), actorFrom(options))),
      ),
    );

  const list = command.command('list').description(`list ${spec.entityType} records`).option('--json', 'print full records as JSON');
  for (const filter of spec.listFilters ?? []) list.option(`--${filter.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} <value>`, `only where ${filter} is this`);
  list.action(async (options: Record<string, unknown>) =>
    withRuntime(async ({ services }) => {
      const filter = Object.fromEntries((spec.listFilters ?? []).filter((f) => typeof options[f] === 'string').map((f) => [f, options[f] as string]));
      const records = (await spec.service(services).list(filter)) as Record<string, unknown>[];
      if (options.json) return printJson(records);
      for (const r of records) process.stdout.write(`${[r.id, ...spec.summary.map((k) => r[k])].map(cell).join('\t')}\n`);
    }),
  );

  command
    .command('show <id>')
    .description(`show one ${spec.entityType}`)
    .action(async (id: string) => withRuntime(async ({ services }) => printJson(await spec.service(services).get(id))));

  addSchemaOptions(command.command('update <id>').description(`change a ${spec.entityType}`), spec.updateInput)
    .option('--actor <name>', 'who makes the change (kept in the history)')
    .option('--change-reason <text>', 'why the change is made (kept in the history)')
    .action(async (id: string, options: Record<string, unknown>) =>
      withRuntime(async ({ services }) => {
        const body = bodyFromOptions(spec.updateInput, options);
        const actor = { ...actorFrom(options), ...(typeof options.changeReason === 'string' ? { reason: options.changeReason } : {}) };
        printJson(await spec.service(services).update(id, body, actor));
      }),
    );

  command
    .command('deactivate <id>')
    .description(`deactivate a ${spec.entityType} (records are never deleted)`)
    .option('--actor <name>', 'who makes the change')
    .action(async (id: string, options: { actor?: string }) =>
      withRuntime(async ({ services }) => {
        const service = spec.service(services);
        if (!service.deactivate) throw new Error(`${spec.entityType} records cannot be deactivated`);
        printJson(await service.deactivate(id, actorFrom(options)));
      }),
    );

  command
    .command('history <id>')
    .description('every change: who, when, before, after')
    .action(async (id: string) =>
      withRuntime(async ({ services }) => printJson(await services.history.list({ entityType: spec.entityType, entityId: id }))),
    );

  spec.extend?.(command);
  return command;
}

export { actorFrom };
