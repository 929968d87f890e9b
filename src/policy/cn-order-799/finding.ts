import type { CameraRecord } from '../../registry/model.ts';
import type { LocalizedText } from '../../shared/errors.ts';
import type { Finding, FindingSubject, Gate } from '../types.ts';

export const REGISTER_AND_ACTIVATE: Gate[] = ['REGISTER', 'ACTIVATE'];
export const ACTIVATE_ONLY: Gate[] = ['ACTIVATE'];

export function cameraSubject(camera: Pick<CameraRecord, 'id' | 'siteId'>): FindingSubject {
  return { type: 'camera', id: camera.id, siteId: camera.siteId };
}

interface Base {
  ruleId: string;
  code: string;
  article: string;
  message: LocalizedText;
  subject: FindingSubject;
  penaltyRef?: string;
  details?: Record<string, unknown>;
}

function clean(f: Finding): Finding {
  if (f.penaltyRef === undefined) delete f.penaltyRef;
  if (f.details === undefined) delete f.details;
  return f;
}

/** A finding that refuses the listed actions. */
export function block(base: Base & { gates: Gate[]; refusal: 'INVALID' | 'PRECONDITION' }): Finding {
  return clean({ ...base, severity: 'BLOCK', gates: [...base.gates] });
}

export function noncompliant(base: Base): Finding {
  return clean({ ...base, severity: 'NONCOMPLIANT' });
}

export function advisory(base: Base): Finding {
  return clean({ ...base, severity: 'ADVISORY' });
}

export function info(base: Base): Finding {
  return clean({ ...base, severity: 'INFO' });
}
