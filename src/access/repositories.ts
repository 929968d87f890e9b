/** Typed repositories of the access records that follow the registry's storage conventions. */
import { RecordRepository } from '../registry/repositories/record-repository.ts';
import { personRecord } from './personnel/person-model.ts';
import { cameraGroupRecord } from './duty/camera-group-model.ts';
import { roleRecord } from './roles/role-model.ts';
import { dutyShiftRecord } from './duty/duty-shift-model.ts';

export const personsRepository = new RecordRepository({ table: 'persons', schema: personRecord, json: [], bool: ['active'] });
export const cameraGroupsRepository = new RecordRepository({ table: 'cameraGroups', schema: cameraGroupRecord, json: ['cameraIds'], bool: ['active'] });
export const rolesRepository = new RecordRepository({
  table: 'roles',
  schema: roleRecord,
  json: ['actions'],
  bool: ['importantPosition', 'requireTotp', 'builtIn', 'active'],
});
export const dutyShiftsRepository = new RecordRepository({ table: 'dutyShifts', schema: dutyShiftRecord, json: [], bool: [] });
