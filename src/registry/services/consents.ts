import type { z } from 'zod';
import { siteTarget } from '../../access/authorization/target.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { ConsentRecord, ConsentedPlacement } from '../model.ts';
import { consentCreateInput, consentUpdateInput } from '../inputs.ts';
import { consentsRepository } from '../repositories/index.ts';
import type { Actor, RegistryContext } from './context.ts';
import { EntityService } from './entity-service.ts';
import { requireCamerasOfSite } from './site-cameras.ts';
import { requireActiveSite } from './sites.ts';

type ConsentCreate = z.output<typeof consentCreateInput>;
type ConsentUpdate = z.output<typeof consentUpdateInput>;

/** Records each covered camera's placement as the consenting unit agreed to it (REG-10-1). */
async function placementsFor(tx: Db, siteId: string, cameraIds: string[]): Promise<ConsentedPlacement[]> {
  const cameras = await requireCamerasOfSite(tx, siteId, cameraIds);
  return cameras.map((c) => ({
    cameraId: c.id,
    position: c.position,
    headingDeg: c.headingDeg,
    hfovDeg: c.hfovDeg,
    rangeM: c.rangeM,
    ptz: c.ptz,
  }));
}

async function checkConsent(tx: Db, next: ConsentRecord): Promise<void> {
  const cameras = await requireCamerasOfSite(tx, next.siteId, next.placements.map((p) => p.cameraId));
  const late = cameras.filter((c) => c.installedAt !== null && next.consentDate > c.installedAt);
  if (late.length > 0) {
    throw new InvalidError('E_CONSENT_NOT_PRIOR', {
      article: '10',
      penaltyRef: '28',
      message: {
        zh: '第十条要求事先征得涉密单位同意:同意日期晚于摄像机安装日期',
        en: 'Art. 10 requires consent in advance: the consent is dated after the camera was installed',
      },
      details: { cameraIds: late.map((c) => c.id), consentDate: next.consentDate },
    });
  }
}

export class ConsentsService extends EntityService<ConsentRecord, ConsentCreate, ConsentUpdate> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'consent',
      idPrefix: 'consent',
      repository: consentsRepository,
      targetOf: async (db, consent) => siteTarget(db, consent.siteId),
      createInput: consentCreateInput,
      updateInput: consentUpdateInput,
      build: async (tx, { cameraIds, ...input }, id) => {
        await requireActiveSite(tx, input.siteId);
        return { ...input, id, placements: await placementsFor(tx, input.siteId, cameraIds), active: true };
      },
      check: (tx, next) => checkConsent(tx, next),
    });
  }

  override async update(id: string, patch: unknown, actor: Actor): Promise<ConsentRecord> {
    const { cameraIds, ...rest } = consentUpdateInput.parse(patch);
    return this.change(id, 'update', actor, async (consent, tx) => ({
      ...rest,
      ...(cameraIds ? { placements: await placementsFor(tx, consent.siteId, cameraIds) } : {}),
    }));
  }

  async deactivate(id: string, actor: Actor): Promise<ConsentRecord> {
    return this.change(id, 'deactivate', actor, () => ({ active: false }));
  }
}
