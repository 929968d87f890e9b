/** The API's shapes as the UI reads them (a subset of the OpenAPI document). */

export interface Session {
  user: { id: string; username: string; displayName: string; unitId: string | null; unitName: string; kind: 'STAFF' | 'CONTRACTOR' };
  actions: string[];
  csrfToken: string | null;
  totpEnrollmentRequired: boolean;
}

export interface Camera {
  id: string;
  siteId: string;
  name: string;
  status: string;
  deviceType: string;
  zoneType: string | null;
  publicSecurityArea: string | null;
  sourceUrl?: string | null;
  necessity: string;
  placementRationale: string;
  codec?: string | null;
}

export interface Site {
  id: string;
  unitId: string;
  name: string;
}

export interface ZoneTypeMeta {
  id: string;
  article: string;
  articleZh: string;
  label: { zh: string; en: string };
}

export interface RecordingStatus {
  cameraId: string;
  state: string;
  reason: string | null;
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number;
  bitrateBps: number;
}

export interface Finding {
  severity: string;
  code?: string;
  article?: string;
  messages?: { zh: string; en: string };
  message?: { zh: string; en: string };
}

export interface ComplianceReport {
  counts: Record<string, number>;
  filingDeadlines: { siteId: string; siteName: string; status: string; dueDate: string; overdue: boolean }[];
  cameras: { cameraId: string; name: string; status: string; findings: Finding[] }[];
}

export interface MediaGrant {
  registerEntryId: string;
  token: string;
  expiresAt: string;
}

export interface Coverage {
  ranges: { from: string; to: string }[];
  gaps: { id: string; fromAt: string; toAt: string | null; reason: string }[];
}

export interface Reason {
  category: string;
  text: string;
}

export interface RegisterEntry {
  seq: number;
  id: string;
  kind: string;
  operation: string;
  at: string;
  reason: Reason;
  cameraIds: string[];
  actor: { name: string; unit: string };
  content: { ranges: { cameraId: string; from: string; to: string | null }[] };
  closedAt: string | null;
}
