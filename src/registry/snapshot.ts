/**
 * A whole registry at one moment: what the policy pack evaluates, what `custos compliance check`
 * reads from a file (its JSON Schema is published as schemas/registry-snapshot.schema.json), and
 * what the server builds from its database.
 */
import { z } from 'zod';
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
} from './model.ts';
import { assetRecord, conformanceDeclarationRecord } from './device-model.ts';
import { remediationTaskRecord } from '../advisories/model.ts';
import { archiveDocumentMeta } from '../archive/model.ts';
import { factChangeRecord } from './fact-changes.ts';

export const registrySnapshot = z.strictObject({
  units: z.array(unitRecord),
  commissions: z.array(commissionRecord).default([]),
  sites: z.array(siteRecord),
  zones: z.array(zoneRecord).default([]),
  cameras: z.array(cameraRecord),
  signs: z.array(signRecord).default([]),
  consents: z.array(consentRecord).default([]),
  filings: z.array(filingRecord).default([]),
  filingAuthorities: z.array(filingAuthorityRecord).default([]),
  /** Related facilities (REG-02-2), conformance declarations (REG-12-1), remediation tasks (REG-12-2). */
  assets: z.array(assetRecord).default([]),
  conformanceDeclarations: z.array(conformanceDeclarationRecord).default([]),
  remediationTasks: z.array(remediationTaskRecord).default([]),
  /** The system archive's documents, metadata only (REG-11-1). */
  archiveDocuments: z.array(archiveDocumentMeta).default([]),
  /**
   * When filed facts changed (retention, category, inventory, master data), from the administration
   * history: what dates a change filing (REG-14-4, REG-17-6) and tells an untrue filed figure (REG-14-5).
   */
  factChanges: z.array(factChangeRecord).default([]),
});
export type RegistrySnapshot = z.output<typeof registrySnapshot>;
