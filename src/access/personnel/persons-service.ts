import type { z } from 'zod';
import { NO_UNIT } from '../../access/authorization/target.ts';
import type { Actor, RegistryContext } from '../../registry/services/context.ts';
import { EntityService } from '../../registry/services/entity-service.ts';
import { personsRepository } from '../repositories.ts';
import { requireActiveUnit } from '../require-unit.ts';
import { personCreateInput, personUpdateInput, type PersonRecord } from './person-model.ts';

/** Staff records with the dates of vetting, confidentiality education, training and agreement (REG-16-2). */
export class PersonsService extends EntityService<PersonRecord, z.output<typeof personCreateInput>, z.output<typeof personUpdateInput>> {
  constructor(ctx: RegistryContext) {
    super(ctx, {
      entityType: 'person',
      idPrefix: 'psn',
      repository: personsRepository,
      targetOf: async (_db, person) => ({ unitId: person.unitId ?? NO_UNIT }),
      writeAction: 'ADMINISTER',
      createInput: personCreateInput,
      updateInput: personUpdateInput,
      build: async (tx, input, personId) => {
        await requireActiveUnit(tx, input.unitId);
        return { ...input, id: personId, active: true };
      },
    });
  }

  async deactivate(personId: string, actor: Actor): Promise<PersonRecord> {
    return this.change(personId, 'deactivate', actor, () => ({ active: false }));
  }
}
