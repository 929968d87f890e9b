import type { z } from 'zod';
import { siteTarget } from '../../access/authorization/target.ts';
import { InvalidError } from '../../shared/errors.ts';
import type { Db } from '../../db/connect.ts';
import type { SignRecord } from '../model.ts';
import { signCreateInput, signUpdateInput } from '../inputs.ts';
import { signsRepository } from '../repositories/index.ts';
import type { Actor, RegistryContext } from './context.ts';
import { EntityService } from './entity-service.ts';
import { requireCamerasOfSite } from './site-cameras.ts';
import { requireActiveSite } from './sites.ts';

async function checkSign(tx: Db, next: SignRecord, previous: SignRecord | undefined): Promise<void> {
  if (!previous) await requireActiveSite(tx, next.siteId);
  await requireCamerasOfSite(tx, next.siteId, next.cameraIds);
  if (next.cameraIds.length > 0 && !next.photoRef) {
    throw new InvalidError('E_SIGN_EVIDENCE_REQUIRED', {
      article: '13',
      message: {
        zh: '提示标识须有现场照片作为证据,方可关联摄像机',
        en: 'A sign needs photo evidence before it can be linked to cameras',
      },
      details: { field: 'photoRef' },
    });
  }
}

export class SignsService extends EntityService<SignRecord, z.output<typeof signCreateInput>, z.output<typeof signUpdateInput>> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'sign',
      idPrefix: 'sign',
      repository: signsRepository,
      targetOf: async (db, sign) => siteTarget(db, sign.siteId),
      createInput: signCreateInput,
      updateInput: signUpdateInput,
      build: async (_tx, input, id) => ({ ...input, id, active: true }),
      check: checkSign,
    });
  }

  /**
   * Records a new photo of the sign (REG-13-5 evidence). The actor's right to change the sign is checked
   * before `store` runs, so nothing is written for a caller who may not change it.
   */
  async attachPhoto(id: string, actor: Actor, store: () => Promise<string>): Promise<SignRecord> {
    return this.change(id, 'photo', actor, async () => ({ photoRef: await store() }));
  }

  async deactivate(id: string, actor: Actor): Promise<SignRecord> {
    return this.change(id, 'deactivate', actor, () => ({ active: false }));
  }
}
