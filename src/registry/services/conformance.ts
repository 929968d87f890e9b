/** REG-12-1: declarations that a device conforms to a mandatory national standard, with their history. */
import { ConflictError, InvalidError } from '../../shared/errors.ts';
import { siteTarget, cameraTarget } from '../../access/authorization/target.ts';
import type { Db } from '../../db/connect.ts';
import { sameStandard } from '../../policy/cn-order-799/mandatory-standards.ts';
import type { ConformanceDeclarationRecord } from '../device-model.ts';
import { conformanceCreateInput, conformanceUpdateInput, type ConformanceCreateInput, type ConformanceUpdateInput } from '../device-inputs.ts';
import { conformanceDeclarationsRepository } from '../repositories/devices.ts';
import type { Actor, RegistryContext } from './context.ts';
import { requireDevice } from './devices.ts';
import { EntityService } from './entity-service.ts';

async function checkDeclaration(tx: Db, next: ConformanceDeclarationRecord): Promise<void> {
  if (!next.active) return;
  if (!next.certificateRef && !next.evidenceDocId) {
    throw new InvalidError('E_CONFORMANCE_EVIDENCE_REQUIRED', {
      article: '12',
      message: {
        zh: '符合性声明须附认证证书或检测报告编号,或证明文件',
        en: 'A conformance declaration needs a certificate or test-report reference, or an evidence document',
      },
      details: { fields: ['certificateRef', 'evidenceDocId'] },
    });
  }
  const others = await conformanceDeclarationsRepository.list(tx, { deviceKind: next.deviceKind, deviceId: next.deviceId, active: true });
  const duplicate = others.find((d) => d.id !== next.id && sameStandard(d.standard, next.standard));
  if (duplicate) {
    throw new ConflictError('E_CONFORMANCE_DUPLICATE', {
      message: {
        zh: `该设备已有 ${next.standard} 的有效符合性声明,请修改或撤回原声明`,
        en: `This device already has an active declaration for ${next.standard}; change or withdraw that one`,
      },
      details: { existingId: duplicate.id },
    });
  }
}

export class ConformanceService extends EntityService<ConformanceDeclarationRecord, ConformanceCreateInput, ConformanceUpdateInput> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'conformanceDeclaration',
      idPrefix: 'conf',
      repository: conformanceDeclarationsRepository,
      targetOf: async (db, declaration) =>
        declaration.deviceKind === 'camera' ? cameraTarget(db, declaration.deviceId) : siteTarget(db, declaration.siteId),
      createInput: conformanceCreateInput,
      updateInput: conformanceUpdateInput,
      build: async (tx, input, id) => {
        const device = await requireDevice(tx, input.deviceKind, input.deviceId);
        return { ...input, standard: input.standard.trim(), id, siteId: device.siteId, active: true };
      },
      check: checkDeclaration,
    });
  }

  /** Withdraws a declaration (records are never deleted). */
  async deactivate(id: string, actor: Actor): Promise<ConformanceDeclarationRecord> {
    return this.change(id, 'deactivate', actor, () => ({ active: false }));
  }
}
