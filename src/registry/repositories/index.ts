import {
  cameraRecord,
  commissionRecord,
  consentRecord,
  filingAuthorityRecord,
  filingRecord,
  signRecord,
  siteRecord,
  unitRecord,
  zoneRecord,
} from '../model.ts';
import { RecordRepository } from './record-repository.ts';
import { z } from 'zod';

export const unitsRepository = new RecordRepository({ table: 'units', schema: unitRecord, json: [], bool: ['active'] });

export const commissionsRepository = new RecordRepository({ table: 'commissions', schema: commissionRecord, json: ['scope'], bool: [] });

export const sitesRepository = new RecordRepository({
  table: 'sites',
  schema: siteRecord,
  json: ['entrustedOperator', 'securityObligation', 'boundary'],
  bool: ['networkedToPsb', 'active'],
});

export const zonesRepository = new RecordRepository({
  table: 'zones',
  schema: zoneRecord,
  json: ['polygon', 'transparentEdges', 'openings'],
  bool: ['active'],
});

export const camerasRepository = new RecordRepository({
  table: 'cameras',
  schema: cameraRecord,
  json: ['position', 'ptz', 'masks'],
  bool: ['audioEnabled'],
});

export const signsRepository = new RecordRepository({
  table: 'signs',
  schema: signRecord,
  json: ['languages', 'cameraIds', 'position'],
  bool: ['active'],
});

export const consentsRepository = new RecordRepository({
  table: 'consents',
  schema: consentRecord,
  json: ['placements'],
  bool: ['active'],
});

export const filingsRepository = new RecordRepository({ table: 'filings', schema: filingRecord, json: ['dataset'], bool: [] });

/** Filing authorities are keyed by admin division code; the id column mirrors it. */
const filingAuthorityRow = filingAuthorityRecord.extend({ id: z.string() });
export const filingAuthoritiesRepository = new RecordRepository({ table: 'filingAuthorities', schema: filingAuthorityRow, json: [], bool: [] });
