import type { z } from 'zod';
import { NO_UNIT } from '../../access/authorization/target.ts';
import type { Actor, RegistryContext } from '../../registry/services/context.ts';
import { EntityService } from '../../registry/services/entity-service.ts';
import type { Db } from '../../db/connect.ts';
import { ConflictError } from '../../shared/errors.ts';
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
      check: async (tx, next) => requireNoTwin(tx, next),
    });
  }

  async deactivate(personId: string, actor: Actor): Promise<PersonRecord> {
    return this.change(personId, 'deactivate', actor, () => ({ active: false }));
  }
}

/** One person, one record: a second active record in the unit with the same ID-document number is refused. */
async function requireNoTwin(db: Db, person: PersonRecord): Promise<void> {
  if (!person.active || !person.idDocument) return;
  let query = db.selectFrom('persons').select(['id']).where('idDocument', '=', person.idDocument).where('active', '=', 1).where('id', '!=', person.id);
  query = person.unitId === null ? query.where('unitId', 'is', null) : query.where('unitId', '=', person.unitId);
  const twin = await query.executeTakeFirst();
  if (!twin) return;
  throw new ConflictError('E_PERSON_DUPLICATE', {
    message: { zh: '本单位已有相同证件号码的人员档案', en: 'This unit already has a staff record with this ID-document number' },
    details: { field: 'idDocument', personId: twin.id },
  });
}
