import type { z } from 'zod';
import { siteTarget } from '../../access/authorization/target.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { ZoneRecord } from '../model.ts';
import { zoneCreateInput, zoneUpdateInput } from '../inputs.ts';
import { zonesRepository } from '../repositories/index.ts';
import type { Actor, RegistryContext } from './context.ts';
import { EntityService } from './entity-service.ts';
import { requireActiveSite } from './sites.ts';

async function checkZone(tx: Db, next: ZoneRecord, previous: ZoneRecord | undefined): Promise<void> {
  if (!previous) await requireActiveSite(tx, next.siteId);
  if (next.zoneType === 'Z8_4_OTHER_PRIVATE' && !next.description?.trim()) {
    throw new InvalidError('E_ZONE_DESCRIPTION_REQUIRED', {
      article: '8.1(4)',
      message: {
        zh: '第八条第一款第(四)项"其他区域、部位"须说明为何可能拍摄、窥视、窃听他人隐私',
        en: 'An art. 8.1(4) "other private" zone needs a description of why it is private',
      },
      details: { field: 'description' },
    });
  }
  const edges = next.polygon.length;
  const bad = next.transparentEdges.filter((i) => i >= edges);
  if (bad.length > 0) {
    throw new InvalidError('E_ZONE_EDGE_INDEX', {
      message: { zh: `边序号超出多边形范围:${bad.join(', ')}`, en: `Edge indexes outside the polygon: ${bad.join(', ')}` },
      details: { field: 'transparentEdges' },
    });
  }
}

export class ZonesService extends EntityService<ZoneRecord, z.output<typeof zoneCreateInput>, z.output<typeof zoneUpdateInput>> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'zone',
      idPrefix: 'zone',
      repository: zonesRepository,
      targetOf: async (db, zone) => siteTarget(db, zone.siteId),
      createInput: zoneCreateInput,
      updateInput: zoneUpdateInput,
      build: async (_tx, input, id) => ({ ...input, id, active: true }),
      check: checkZone,
    });
  }

  async deactivate(id: string, actor: Actor): Promise<ZoneRecord> {
    return this.change(id, 'deactivate', actor, () => ({ active: false }));
  }
}
