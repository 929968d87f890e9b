import type { Db } from '../../db/connect.ts';
import { camerasRepository, sitesRepository, unitsRepository } from '../../registry/repositories/index.ts';
import { NotFoundError } from '../../shared/errors.ts';

/**
 * What a permission is checked against: the object's place in the unit → site → camera tree.
 * A unit-level object (the unit itself, a commission, a user) has no site; a site-level object
 * (a zone, a sign, a consent, an archive record) has no camera.
 */
export interface Target {
  unitId: string;
  siteId?: string | null;
  cameraId?: string | null;
}

function notFound(kind: string, id: string): NotFoundError {
  return new NotFoundError('E_NOT_FOUND', {
    message: { zh: `未找到${kind}:${id}`, en: `No ${kind} with id ${id}` },
    details: { entityType: kind, id },
  });
}

export async function unitTarget(db: Db, unitId: string): Promise<Target> {
  if (!(await unitsRepository.get(db, unitId))) throw notFound('unit', unitId);
  return { unitId };
}

export async function siteTarget(db: Db, siteId: string): Promise<Target> {
  const site = await sitesRepository.get(db, siteId);
  if (!site) throw notFound('site', siteId);
  return { unitId: site.unitId, siteId };
}

export async function cameraTarget(db: Db, cameraId: string): Promise<Target> {
  const camera = await camerasRepository.get(db, cameraId);
  if (!camera) throw notFound('camera', cameraId);
  return { ...(await siteTarget(db, camera.siteId)), cameraId };
}

/** The unit of an object that belongs to none (a built-in role, a person set up before any unit): only an ALL scope covers it. */
export const NO_UNIT = '(no unit)';

/** Stands for "everything" in a check: only an ALL scope covers it (reading whole chains, handing out ALL). */
export const EVERYTHING: Target = { unitId: NO_UNIT };
