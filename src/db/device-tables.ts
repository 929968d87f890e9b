/** Row shapes of the device and advisory tables (migration 0002), with the conventions of tables.ts. */
type Bool = number;
type Json = string;

interface Timestamps {
  createdAt: string;
  updatedAt: string;
}

/** REG-12-1 product data, on cameras and on assets. */
export interface DeviceProductColumns {
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  hardwareVersion: string | null;
}

export interface AssetsTable extends Timestamps, DeviceProductColumns {
  id: string;
  siteId: string;
  assetType: string;
  name: string;
  locationNote: string;
  holdsFootage: Bool;
  active: Bool;
}

export interface ConformanceDeclarationsTable extends Timestamps {
  id: string;
  deviceKind: string;
  deviceId: string;
  siteId: string;
  standard: string;
  level: string | null;
  certificateRef: string | null;
  evidenceDocId: string | null;
  note: string;
  active: Bool;
}

export interface AdvisoriesTable extends Timestamps {
  id: string;
  source: string;
  reference: string | null;
  title: string | null;
  severity: string;
  cves: Json;
  products: Json;
  importedAt: string;
  importedBy: string;
  notifyRole: string | null;
  notifiedAt: string | null;
}

export interface RemediationTasksTable extends Timestamps {
  id: string;
  advisoryId: string;
  deviceKind: string;
  deviceId: string;
  siteId: string;
  severity: string;
  matchedVersion: string;
  fixedVersion: string | null;
  dueDate: string;
  status: string;
  evidence: string | null;
  openedAt: string;
  resolvedAt: string | null;
}
