import type { Command } from 'commander';
import * as input from '../../registry/inputs.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { actorFrom, entityCommand } from './entity.ts';
import { describeCommand } from '../command-index.ts';

export function registryCommands(): Command[] {
  return [
    entityCommand({
      name: 'unit',
      description: describeCommand('unit'),
      entityType: 'unit',
      service: (s) => s.units,
      createInput: input.unitCreateInput,
      updateInput: input.unitUpdateInput,
      summary: ['name', 'unitType', 'uscc', 'active'],
      listFilters: ['active'],
    }),
    entityCommand({
      name: 'commission',
      description: describeCommand('commission'),
      entityType: 'commission',
      service: (s) => s.commissions,
      createInput: input.commissionCreateInput,
      updateInput: input.commissionUpdateInput,
      summary: ['contractorUnitId', 'principalUnitId', 'validFrom', 'validTo'],
    }),
    entityCommand({
      name: 'site',
      description: describeCommand('site'),
      entityType: 'site',
      service: (s) => s.sites,
      createInput: input.siteCreateInput,
      updateInput: input.siteUpdateInput,
      summary: ['name', 'placeCategory', 'adminDivisionCode', 'active'],
      listFilters: ['unitId', 'placeCategory'],
    }),
    entityCommand({
      name: 'zone',
      description: describeCommand('zone'),
      entityType: 'zone',
      service: (s) => s.zones,
      createInput: input.zoneCreateInput,
      updateInput: input.zoneUpdateInput,
      summary: ['siteId', 'zoneType', 'name', 'active'],
      listFilters: ['siteId'],
    }),
    entityCommand({
      name: 'camera',
      description: describeCommand('camera'),
      entityType: 'camera',
      service: (s) => s.cameras,
      createInput: input.cameraCreateInput,
      updateInput: input.cameraUpdateInput,
      summary: ['siteId', 'name', 'deviceType', 'status'],
      listFilters: ['siteId', 'status'],
      extend: (command) => {
        command
          .command('activate <id>')
          .description('activate a camera: refused while any BLOCK finding stands')
          .option('--signage-override-reason <text>', 'activate without a sign (art. 13 finding stays open)')
          .option('--actor <name>', 'who makes the change')
          .action(async (id: string, options: { signageOverrideReason?: string; actor?: string }) =>
            withRuntime(async ({ services }) => {
              const body = options.signageOverrideReason ? { signageOverride: { reason: options.signageOverrideReason } } : {};
              printJson(await services.cameras.view(await services.cameras.activate(id, body, actorFrom(options))));
            }),
          );
      },
    }),
    entityCommand({
      name: 'sign',
      description: describeCommand('sign'),
      entityType: 'sign',
      service: (s) => s.signs,
      createInput: input.signCreateInput,
      updateInput: input.signUpdateInput,
      summary: ['siteId', 'location', 'photoRef', 'active'],
      listFilters: ['siteId'],
    }),
    entityCommand({
      name: 'consent',
      description: describeCommand('consent'),
      entityType: 'consent',
      service: (s) => s.consents,
      createInput: input.consentCreateInput,
      updateInput: input.consentUpdateInput,
      summary: ['siteId', 'consentingUnit', 'referenceNo', 'consentDate'],
      listFilters: ['siteId'],
    }),
  ];
}
