/**
 * The API's shapes as the UI reads them. Generated from the OpenAPI document (`schema.d.ts`) where
 * the route declares its answer; the few written here are for routes that do not declare one yet.
 */
import type { BodyOf, ResponseOf } from './http.ts';

export type Session = ResponseOf<'/api/auth/session'>;

export type Camera = ResponseOf<'/api/cameras/{id}'>;

export type Site = ResponseOf<'/api/sites/{id}'>;

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

export type MediaGrant = ResponseOf<'/api/access/playback', 'post'>;

export type Coverage = ResponseOf<'/api/cameras/{id}/coverage'>;

export type Reason = NonNullable<BodyOf<'/api/access/playback'>['reason']>;

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
