import type { Command } from 'commander';
import * as input from '../../registry/inputs.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { actorFrom, entityCommand } from './entity.ts';

export function registryCommands(): Command[] {
  return [
    entityCommand({
      name: 'unit',
      description: 'management units (公共安全视频系统管理单位) and contractors',
      entityType: 'unit',
      service: (s) => s.units,
      createInput: input.unitCreateInput,
      updateInput: input.unitUpdateInput,
      summary: ['name', 'unitType', 'uscc', 'active'],
      listFilters: ['active'],
    }),
    entityCommand({
      name: 'commission',
      description: "contractors' commissions from a management unit (art. 7.3, 19)",
      entityType: 'commission',
      service: (s) => s.commissions,
      createInput: input.commissionCreateInput,
      updateInput: input.commissionUpdateInput,
      summary: ['contractorUnitId', 'principalUnitId', 'validFrom', 'validTo'],
    }),
    entityCommand({
      name: 'site',
      description: 'systems (sites): the unit of filing, with place category (art. 7, 9, 33)',
      entityType: 'site',
      service: (s) => s.sites,
      createInput: input.siteCreateInput,
      updateInput: input.siteUpdateInput,
      summary: ['name', 'placeCategory', 'adminDivisionCode', 'active'],
      listFilters: ['unitId', 'placeCategory'],
    }),
    entityCommand({
      name: 'zone',
      description: 'prohibited zones on the site plan (art. 8.1)',
      entityType: 'zone',
      service: (s) => s.zones,
      createInput: input.zoneCreateInput,
      updateInput: input.zoneUpdateInput,
      summary: ['siteId', 'zoneType', 'name', 'active'],
      listFilters: ['siteId'],
    }),
    entityCommand({
      name: 'camera',
      description: 'cameras, with placement, installer, necessity and retention',
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
      description: 'conspicuous signs (显著提示标识, art. 13) and the cameras they announce',
      entityType: 'sign',
      service: (s) => s.signs,
      createInput: input.signCreateInput,
      updateInput: input.signUpdateInput,
      summary: ['siteId', 'location', 'photoRef', 'active'],
      listFilters: ['siteId'],
    }),
    entityCommand({
      name: 'consent',
      description: 'prior consent of military or confidential units (art. 10)',
      entityType: 'consent',
      service: (s) => s.consents,
      createInput: input.consentCreateInput,
      updateInput: input.consentUpdateInput,
      summary: ['siteId', 'consentingUnit', 'referenceNo', 'consentDate'],
      listFilters: ['siteId'],
    }),
  ];
}
