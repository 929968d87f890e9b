import { z } from 'zod';
import { NO_UNIT } from '../../access/authorization/target.ts';
import { ConflictError } from '../../shared/errors.ts';
import { id } from '../../registry/model.ts';
import type { Actor, RegistryContext } from '../../registry/services/context.ts';
import { EntityService } from '../../registry/services/entity-service.ts';
import { onRoleChanged } from '../grants/grant-suspension.ts';
import { requireActiveUnit } from '../require-unit.ts';
import { rolesRepository } from '../repositories.ts';
import { roleCopyInput, roleUpdateInput, type RoleRecord } from './role-model.ts';

const roleCreateInput = roleCopyInput.extend({ copyOf: id });

/** What may change on a built-in role: an administrator may require a second factor for it. */
const BUILT_IN_CHANGEABLE = new Set<keyof RoleRecord>(['requireTotp']);

function refuseBuiltInChange(next: RoleRecord, previous: RoleRecord): void {
  const changed = (Object.keys(next) as (keyof RoleRecord)[]).filter(
    (key) => !BUILT_IN_CHANGEABLE.has(key) && JSON.stringify(next[key]) !== JSON.stringify(previous[key]),
  );
  if (changed.length === 0) return;
  throw new ConflictError('E_BUILT_IN_ROLE', {
    message: { zh: '内置角色不可修改(可复制后修改副本)', en: 'Built-in roles cannot be changed; copy the role and change the copy' },
    details: { fields: changed },
  });
}

/**
 * Roles (REG-16-3): the built-in ones, and the copies a unit makes and changes. A change to what a role
 * allows suspends the grants approved with the old definition unless it only narrows them.
 */
export class RolesService extends EntityService<RoleRecord, z.output<typeof roleCreateInput>, z.output<typeof roleUpdateInput>> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'role',
      idPrefix: 'role',
      repository: rolesRepository,
      targetOf: async (_db, role) => ({ unitId: role.unitId ?? NO_UNIT }),
      writeAction: 'ADMINISTER',
      createInput: roleCreateInput,
      updateInput: roleUpdateInput,
      build: async (tx, input, newRoleId) => {
        await requireActiveUnit(tx, input.unitId);
        const source = await this.require(tx, input.copyOf);
        return {
          ...source,
          id: newRoleId,
          key: null,
          unitId: input.unitId,
          name: input.name,
          nameEn: input.nameEn ?? `${source.nameEn} (copy)`,
          builtIn: false,
          copiedFrom: source.id,
          active: true,
        };
      },
      check: async (_tx, next, previous) => {
        if (previous?.builtIn) refuseBuiltInChange(next, previous);
      },
      afterChange: (tx, next, _previous, now, actor) => onRoleChanged(tx, next, actor, now),
    });
  }

  async deactivate(roleId: string, actor: Actor): Promise<RoleRecord> {
    return this.change(roleId, 'deactivate', actor, () => ({ active: false }));
  }
}
