/** Row shapes of the access tables (migration 0007), with the conventions of tables.ts. */

type Bool = number;
type Json = string;

interface Timestamps {
  createdAt: string;
  updatedAt: string;
}

export interface PersonsTable extends Timestamps {
  id: string;
  /** Null only for a first administrator's person record made before any unit exists. */
  unitId: string | null;
  name: string;
  idDocument: string | null;
  position: string | null;
  entryVettingAt: string | null;
  confidentialityEducationAt: string | null;
  jobTrainingAt: string | null;
  confidentialityAgreementAt: string | null;
  confidentialityAgreementRef: string | null;
  contractorUndertakingAt: string | null;
  active: Bool;
}

export interface UsersTable extends Timestamps {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  personId: string | null;
  /** STAFF | CONTRACTOR */
  kind: string;
  commissionId: string | null;
  passwordHash: string;
  passwordChangedAt: string;
  /** Encrypted (`v1:…`, see totp-cipher.ts); plain base32 only before migration 0013's first start. */
  totpSecret: string | null;
  totpEnabled: Bool;
  /** The last TOTP time step accepted (replay protection); null before the first code. */
  totpLastStep?: number | null;
  failedLogins: number;
  lockedUntil: string | null;
  validUntil: string | null;
  active: Bool;
}

export interface SessionsTable {
  id: string;
  userId: string;
  csrfToken: string;
  secondFactor: Bool;
  clientAddress: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  /** JSON array of scopes (actions, or READ). */
  scopes: Json;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface SetupTokensTable {
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** Empty since migration 0013: keys live in owner-only files (src/security/key-ring.ts), never here. */
export interface ServerSecretsTable {
  name: string;
  value: string;
  createdAt: string;
}

export interface RolesTable extends Timestamps {
  id: string;
  key: string | null;
  unitId: string | null;
  name: string;
  nameEn: string;
  /** JSON array of actions. */
  actions: Json;
  importantPosition: Bool;
  requireTotp: Bool;
  playbackDepthHours: number | null;
  builtIn: Bool;
  copiedFrom: string | null;
  active: Bool;
}

export interface CameraGroupsTable extends Timestamps {
  id: string;
  unitId: string;
  name: string;
  /** JSON array of camera ids. */
  cameraIds: Json;
  active: Bool;
}

export interface GrantsTable {
  id: string;
  userId: string;
  roleId: string;
  scopeType: string;
  scopeId: string | null;
  status: string;
  validFrom: string;
  validTo: string | null;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  /** JSON: the role definition as approved (actions, importantPosition, requireTotp, playbackDepthHours). */
  approvedRole: Json | null;
  /** JSON array: a CAMERA_GROUP scope's camera ids as approved. */
  scopeCameraIds: Json | null;
  /** Username of whoever changed the role or group and so suspended the grant. */
  suspendedBy: string | null;
  suspendedAt: string | null;
}

/** A password or TOTP reset of a privileged user, waiting for a second administrator. */
export interface CredentialResetsTable {
  id: string;
  userId: string;
  kind: string;
  passwordHash: string | null;
  status: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface DutyShiftsTable extends Timestamps {
  id: string;
  code: string;
  userId: string;
  cameraGroupId: string;
  startsAt: string;
  endsAt: string;
}

export interface ExportRequestsTable {
  id: string;
  requestedBy: string;
  cameraIds: Json;
  fromAt: string;
  toAt: string;
  reasonCategory: string;
  reasonText: string;
  basisType: string | null;
  basisRef: string | null;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface AccessRegisterTable {
  seq: number;
  id: string;
  kind: string;
  operation: string;
  at: string;
  reasonCategory: string;
  reasonText: string;
  /** JSON: {cameraIds, ranges, operation, fileHashes?}. */
  content: Json;
  /** JSON array, for search by camera. */
  cameraIds: Json;
  actorUserId: string;
  actorName: string;
  actorUnitId: string | null;
  actorUnitName: string;
  actorIdDocument: string | null;
  approverUserId: string | null;
  approverName: string | null;
  basisType: string | null;
  basisRef: string | null;
  shiftId: string | null;
  clientAddress: string;
  startedAt: string;
  endedAt: string | null;
  refersTo: string | null;
  prevHash: string;
  entryHash: string;
}
