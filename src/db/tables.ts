/**
 * Row shapes as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns).
 * One portable storage convention for SQLite and PostgreSQL: booleans as 0/1 integers,
 * structured values as JSON text, dates and instants as ISO text.
 */
import type { Generated } from 'kysely';
import type { AdvisoriesTable, AssetsTable, ConformanceDeclarationsTable, DeviceProductColumns, RemediationTasksTable } from './device-tables.ts';
import type { ArchiveDocumentsTable, ArchiveVersionsTable } from './archive-tables.ts';
import type { RecordingGapsTable, SegmentsTable } from './recording-tables.ts';
import type { LedgerCheckpointsTable, LedgerCursorsTable, LedgerLeavesTable, LedgerNodesTable, SegmentDeletionsTable } from './ledger-tables.ts';
import type {
  AccessRegisterTable,
  ApiTokensTable,
  CameraGroupsTable,
  CredentialResetsTable,
  DutyShiftsTable,
  ExportRequestsTable,
  GrantsTable,
  PersonsTable,
  RolesTable,
  ServerSecretsTable,
  SessionsTable,
  SetupTokensTable,
  UsersTable,
} from './access-tables.ts';

type Bool = number;
type Json = string;

interface Timestamps {
  createdAt: string;
  updatedAt: string;
}

export interface UnitsTable extends Timestamps {
  id: string;
  name: string;
  unitType: string;
  uscc: string | null;
  address: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  responsiblePersons: number;
  active: Bool;
}

export interface CommissionsTable extends Timestamps {
  id: string;
  contractorUnitId: string;
  principalUnitId: string;
  scope: Json;
  validFrom: string;
  validTo: string;
}

export interface SitesTable extends Timestamps {
  id: string;
  unitId: string;
  name: string;
  address: string;
  adminDivisionCode: string;
  latitude: number | null;
  longitude: number | null;
  placeCategory: string;
  placeSubtype: string | null;
  putIntoUseDate: string | null;
  storagePeriodDays: number;
  entrustedOperator: Json | null;
  securityObligation: Json | null;
  networkedToPsb: Bool;
  recorderCount: number;
  boundary: Json | null;
  active: Bool;
}

export interface ZonesTable extends Timestamps {
  id: string;
  siteId: string;
  zoneType: string;
  name: string;
  description: string | null;
  polygon: Json;
  transparentEdges: Json;
  openings: Json;
  active: Bool;
}

export interface CamerasTable extends Timestamps, DeviceProductColumns {
  id: string;
  siteId: string;
  name: string;
  deviceType: string;
  sourceUrl: string | null;
  position: Json | null;
  mountHeightM: number | null;
  headingDeg: number | null;
  tiltDeg: number | null;
  hfovDeg: number | null;
  rangeM: number | null;
  ptz: Json | null;
  masks: Json;
  zoneType: string | null;
  publicSecurityArea: string | null;
  necessity: string;
  placementRationale: string;
  installedByUnitId: string | null;
  installedAt: string | null;
  confidentialProximity: string | null;
  retentionDays: number;
  audioEnabled: Bool;
  audioJustification: string | null;
  audioPickupRadiusM: number;
  status: string;
  activatedAt: string | null;
  signageOverrideReason: string | null;
  privacyAttestation: string | null;
}

export interface SignsTable extends Timestamps {
  id: string;
  siteId: string;
  location: string;
  placementNote: string;
  text: string;
  languages: Json;
  photoRef: string | null;
  installedAt: string | null;
  cameraIds: Json;
  position: Json | null;
  active: Bool;
}

export interface SiteFloorPlansTable {
  siteId: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  metresPerPixel: number;
  originX: number;
  originY: number;
  updatedBy: string;
  updatedAt: string;
}

export interface ConsentsTable extends Timestamps {
  id: string;
  siteId: string;
  consentingUnit: string;
  referenceNo: string;
  consentDate: string;
  scopeNote: string;
  documentSha256: string | null;
  placements: Json;
  active: Bool;
}

export interface FilingsTable extends Timestamps {
  id: string;
  siteId: string;
  kind: string;
  status: string;
  dataset: Json | null;
  datasetSha256: string | null;
  attestedBy: string | null;
  submittedAt: string | null;
  receiptNo: string | null;
  filedAt: string | null;
  authority: string | null;
  returnedReason: string | null;
}

export interface FilingAuthoritiesTable extends Timestamps {
  id: string;
  adminDivisionCode: string;
  name: string;
}

export interface HistoryTable {
  seq: Generated<number>;
  entityType: string;
  entityId: string;
  action: string;
  actor: string;
  at: string;
  before: Json | null;
  after: Json | null;
  reason: string | null;
  prevHash: string | null;
  entryHash: string | null;
}

export interface Database {
  units: UnitsTable;
  commissions: CommissionsTable;
  sites: SitesTable;
  zones: ZonesTable;
  cameras: CamerasTable;
  signs: SignsTable;
  siteFloorPlans: SiteFloorPlansTable;
  consents: ConsentsTable;
  filings: FilingsTable;
  filingAuthorities: FilingAuthoritiesTable;
  history: HistoryTable;
  assets: AssetsTable;
  conformanceDeclarations: ConformanceDeclarationsTable;
  advisories: AdvisoriesTable;
  remediationTasks: RemediationTasksTable;
  archiveDocuments: ArchiveDocumentsTable;
  archiveVersions: ArchiveVersionsTable;
  segments: SegmentsTable;
  recordingGaps: RecordingGapsTable;
  persons: PersonsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  setupTokens: SetupTokensTable;
  serverSecrets: ServerSecretsTable;
  roles: RolesTable;
  cameraGroups: CameraGroupsTable;
  grants: GrantsTable;
  credentialResets: CredentialResetsTable;
  dutyShifts: DutyShiftsTable;
  exportRequests: ExportRequestsTable;
  accessRegister: AccessRegisterTable;
  segmentDeletions: SegmentDeletionsTable;
  ledgerLeaves: LedgerLeavesTable;
  ledgerNodes: LedgerNodesTable;
  ledgerCursors: LedgerCursorsTable;
  ledgerCheckpoints: LedgerCheckpointsTable;
}
