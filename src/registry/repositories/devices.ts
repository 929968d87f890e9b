import { assetRecord, conformanceDeclarationRecord } from '../device-model.ts';
import { RecordRepository } from './record-repository.ts';

export const assetsRepository = new RecordRepository({ table: 'assets', schema: assetRecord, json: [], bool: ['holdsFootage', 'active'] });

export const conformanceDeclarationsRepository = new RecordRepository({
  table: 'conformanceDeclarations',
  schema: conformanceDeclarationRecord,
  json: [],
  bool: ['active'],
});
