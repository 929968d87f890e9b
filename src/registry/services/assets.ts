/** REG-02-2: the related facilities (相关设施) of a system, with their history. */
import { ConflictError } from '../../shared/errors.ts';
import { siteTarget } from '../../access/authorization/target.ts';
import type { Db } from '../../db/connect.ts';
import type { AssetRecord } from '../device-model.ts';
import { assetCreateInput, assetUpdateInput, type AssetCreateInput, type AssetUpdateInput } from '../device-inputs.ts';
import { assetsRepository } from '../repositories/devices.ts';
import type { Actor, RegistryContext } from './context.ts';
import type { Principal } from '../../access/principal.ts';
import { EntityService } from './entity-service.ts';
import { requireActiveSite } from './sites.ts';
import { siteInventory, type InventoryItem } from './site-inventory.ts';
import { requireSeen } from './object-access.ts';

async function checkAsset(tx: Db, next: AssetRecord, previous: AssetRecord | undefined): Promise<void> {
  if (!previous) await requireActiveSite(tx, next.siteId);
}

export class AssetsService extends EntityService<AssetRecord, AssetCreateInput, AssetUpdateInput> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'asset',
      idPrefix: 'ast',
      repository: assetsRepository,
      targetOf: async (db, asset) => siteTarget(db, asset.siteId),
      createInput: assetCreateInput,
      updateInput: assetUpdateInput,
      build: async (_tx, input, id) => ({ ...input, id, active: true }),
      check: checkAsset,
    });
  }

  /**
   * A recorder or storage node that still holds recordings cannot be taken out of the system: the
   * footage is under the art. 17 retention duty. Until the retention module lands, `holdsFootage` is
   * the unit's declared fact; then it becomes "has segments within retention or under hold".
   */
  async deactivate(id: string, actor: Actor): Promise<AssetRecord> {
    return this.change(id, 'deactivate', actor, (asset) => {
      if (asset.active && asset.holdsFootage) {
        throw new ConflictError('E_ASSET_HAS_DATA', {
          article: '17',
          message: {
            zh: '该设备仍存有视频图像信息,不得停用;请先将录像迁移或待保存期限届满后,将"存有录像"改为否',
            en: 'This device still holds recordings and cannot be deactivated; move them or let their retention end, then set holdsFootage to false',
          },
          details: { assetId: id, assetType: asset.assetType },
        });
      }
      return { active: false };
    });
  }

  /** Every device of a system: its cameras (type CAMERA) and its related facilities. */
  async inventory(siteId: string, options: { includeInactive?: boolean } = {}, viewer?: Principal): Promise<InventoryItem[]> {
    const items = await siteInventory(this.ctx.db, siteId, options);
    await requireSeen(this.ctx, viewer, () => siteTarget(this.ctx.db, siteId), 'site', siteId);
    return items;
  }
}
