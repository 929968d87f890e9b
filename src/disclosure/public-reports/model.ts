/**
 * Art. 24 ¶2 reports from the public: someone who finds a camera installed against art. 7 ¶3, 8 ¶1 or
 * 9 ¶1 may report it. Here the report reaches the unit first, from the QR on the unit's own sign, and
 * is forwarded to the county public security organ. What a report, its steps and its forwarding are.
 */
import { z } from 'zod';
import { instant } from '../../registry/model.ts';

export const VIOLATION_TYPES = ['ART7_3', 'ART8_1', 'ART9_1', 'OTHER'] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];
/** The article each type names (OTHER: art. 24 itself). */
export const VIOLATION_ARTICLE: Record<ViolationType, string> = { ART7_3: '7.3', ART8_1: '8.1', ART9_1: '9.1', OTHER: '24' };

export const STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'INVESTIGATING', 'FORWARDED', 'RESOLVED'] as const;
export type ReportStatus = (typeof STATUSES)[number];
export const OUTCOMES = ['CAMERA_REMOVED', 'CAMERA_ADJUSTED', 'NO_VIOLATION', 'OTHER'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const STEP_ACTIONS = ['RECEIVE', 'ACKNOWLEDGE', 'INVESTIGATE', 'LINK_CAMERA', 'FORWARD', 'RESOLVE'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];
export const CHANNELS = ['HAND_DELIVERY', 'POST', 'EMAIL', 'PHONE', 'POLICE_PLATFORM', 'OTHER'] as const;
export type Channel = (typeof CHANNELS)[number];

/** At most this many photos in a report, each at most PHOTO_MAX_BYTES (JPEG, PNG or WebP by its bytes). */
export const MAX_PHOTOS = 3;
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** A little over the limit still parses, so that a photo just too large is told so (E_REPORT_PHOTO_TOO_LARGE). */
const base64Max = Math.ceil(((PHOTO_MAX_BYTES + 64 * 1024) * 4) / 3) + 4;
/** The intake's body: the photos as base64 and a little text around them. */
export const INTAKE_BODY_LIMIT = MAX_PHOTOS * base64Max + 64 * 1024;
export const STEP_BODY_LIMIT = base64Max + 16 * 1024;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const photoInput = z.strictObject({ contentBase64: z.string().min(1).max(base64Max) });

export const intakeInput = z.strictObject({
  violationType: z.enum(VIOLATION_TYPES),
  location: text(500),
  cameraDescription: optionalText(500),
  seenAt: instant.optional(),
  description: text(4000),
  photos: z.array(photoInput).max(MAX_PHOTOS).default([]),
  contact: z
    .strictObject({
      name: optionalText(100),
      phone: z.string().trim().max(40).regex(/^[0-9+()\s-]*$/).optional(),
      // Empty (the form's untouched field) or an address.
      email: z.string().trim().max(200).regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/).optional(),
      /** The reporter agrees that the unit passes the contact on to the public security organ. */
      shareWithPolice: z.boolean().default(false),
    })
    .optional(),
  language: z.enum(['zh', 'en']).default('zh'),
});
export type IntakeInput = z.infer<typeof intakeInput>;

export const referenceParams = z.strictObject({ reference: z.string().min(1).max(40) });
export const codeParams = z.strictObject({ code: z.string().min(1).max(40) });

export const stepInput = z.strictObject({ note: optionalText(2000) });
export const resolveInput = z.strictObject({
  outcome: z.enum(OUTCOMES),
  note: text(2000),
  evidencePhoto: photoInput.optional(),
});
export const linkCameraInput = z.strictObject({ cameraId: z.string().min(1).max(64), note: optionalText(2000) });
export const forwardInput = z.strictObject({
  channel: z.enum(CHANNELS),
  /** The organ's name when the filing authorities know none for the site's division (or another organ is meant). */
  authority: optionalText(200),
  note: optionalText(2000),
});
export const listQuery = z.strictObject({ status: z.enum(STATUSES).optional(), siteId: z.string().max(64).optional() });

export interface ReportPhoto {
  id: string;
  kind: 'REPORT' | 'EVIDENCE';
  mediaType: string;
  bytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface ReportStep {
  id: string;
  seq: number;
  action: StepAction;
  status: ReportStatus;
  actorName: string;
  at: string;
  note: string | null;
  outcome: Outcome | null;
  cameraId: string | null;
  photoId: string | null;
}

export interface Forwarding {
  id: string;
  reportId: string;
  authority: string;
  adminDivisionCode: string;
  channel: Channel;
  note: string | null;
  forwardedBy: string;
  forwardedByName: string;
  forwardedAt: string;
}

export interface ReporterContact {
  name: string | null;
  phone: string | null;
  email: string | null;
  shareWithPolice: boolean;
}

export interface PublicReport {
  id: string;
  reference: string;
  siteId: string;
  unitId: string;
  signId: string | null;
  violationType: ViolationType;
  article: string;
  location: string;
  cameraDescription: string | null;
  seenAt: string | null;
  description: string;
  anonymous: boolean;
  /** The reporter's contact: null when anonymous, and for anyone who does not handle reports of the site. */
  contact: ReporterContact | null;
  /** Whether the caller may handle this report (and so sees the contact and photos). */
  handler: boolean;
  language: 'zh' | 'en';
  status: ReportStatus;
  outcome: Outcome | null;
  cameraId: string | null;
  receivedAt: string;
  firstActionDueAt: string;
  firstActionAt: string | null;
  /** No first action and the due time passed. */
  overdue: boolean;
  forwardedAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
  photos: ReportPhoto[];
  steps: ReportStep[];
  forwarding: Forwarding | null;
}

/** What the reference number tells anyone who holds it: the status and its dates, nothing else. */
export interface ReportStatusView {
  reference: string;
  status: ReportStatus;
  receivedAt: string;
  firstActionAt: string | null;
  forwardedAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
}
