/** `custos asset …` (REG-02-2) and `custos conformance …` (REG-12-1), generated from the input schemas. */
import type { Command } from 'commander';
import * as input from '../../registry/device-inputs.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { entityCommand } from './entity.ts';
import { describeCommand } from '../command-index.ts';

export function assetCommands(): Command[] {
  return [
    entityCommand({
      name: 'asset',
      description: describeCommand('asset'),
      entityType: 'asset',
      service: (s) => s.assets,
      createInput: input.assetCreateInput,
      updateInput: input.assetUpdateInput,
      summary: ['siteId', 'assetType', 'name', 'holdsFootage', 'active'],
      listFilters: ['siteId', 'assetType'],
      extend: (command) => {
        command
          .command('inventory <siteId>')
          .description("a system's whole inventory: its cameras (CAMERA) and related facilities")
          .option('--include-inactive', 'also list deactivated devices')
          .action(async (siteId: string, options: { includeInactive?: boolean }) =>
            withRuntime(async ({ services }) => printJson(await services.assets.inventory(siteId, { includeInactive: options.includeInactive }))),
          );
      },
    }),
    entityCommand({
      name: 'conformance',
      description: describeCommand('conformance'),
      entityType: 'conformanceDeclaration',
      service: (s) => s.conformance,
      createInput: input.conformanceCreateInput,
      updateInput: input.conformanceUpdateInput,
      summary: ['deviceKind', 'deviceId', 'standard', 'level', 'active'],
      listFilters: ['deviceKind', 'deviceId', 'siteId'],
    }),
  ];
}
