import { RecordRepository } from '../registry/repositories/record-repository.ts';
import { advisoryRecord, remediationTaskRecord } from './model.ts';

export const advisoriesRepository = new RecordRepository({ table: 'advisories', schema: advisoryRecord, json: ['cves', 'products'], bool: [] });

export const remediationTasksRepository = new RecordRepository({ table: 'remediationTasks', schema: remediationTaskRecord, json: [], bool: [] });
