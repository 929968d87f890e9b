/**
 * What an entry of the administration history is about, as targets of the unit → site → camera tree,
 * so that an auditor reads only the entries within their AUDIT reach. Explicit for the entities whose
 * id is the object (unit, site, camera, per-camera records); otherwise from the recorded snapshot:
 * its camera(s), else its site, else its unit, else its user's unit. An entry about an object of no
 * unit (a built-in role, an advisory, a filing authority) is read only with AUDIT over ALL.
 */
import { cameraTarget, EVERYTHING, siteTarget, type Target } from '../../access/authorization/target.ts';
import type { Db } from '../../db/connect.ts';
import type { HistoryEntry } from '../repositories/history-repository.ts';

type Snapshot = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The entities whose history id is a camera's id. */
const PER_CAMERA = new Set(['camera', 'recording', 'retention_settings']);

export class HistoryTargets {
  private readonly cache = new Map<string, Target>();

  constructor(private readonly db: Db) {}

  async of(entry: HistoryEntry): Promise<Target[]> {
    const snapshot = ((entry.after ?? entry.before) ?? {}) as Snapshot;
    if (entry.entityType === 'unit') return [{ unitId: entry.entityId }];
    if (entry.entityType === 'site') return [await this.site(entry.entityId)];
    if (PER_CAMERA.has(entry.entityType)) return [await this.camera(entry.entityId)];
    // A camera group belongs to its unit, whatever cameras it lists.
    if (entry.entityType === 'cameraGroup' && text(snapshot.unitId)) return [{ unitId: text(snapshot.unitId)! }];
    const cameraIds = camerasIn(snapshot);
    if (cameraIds.length > 0) return Promise.all(cameraIds.map((id) => this.camera(id)));
    const siteId = text(snapshot.siteId);
    if (siteId) return [await this.site(siteId)];
    const unitId = text(snapshot.unitId);
    if (unitId) return [{ unitId }];
    const userId = text(snapshot.userId);
    if (userId) return [await this.userUnit(userId)];
    if (entry.entityType === 'dutyShift' && text(snapshot.cameraGroupId)) return [await this.groupUnit(text(snapshot.cameraGroupId)!)];
    return [EVERYTHING];
  }

  private camera(id: string): Promise<Target> {
    return this.cached(`camera:${id}`, () => cameraTarget(this.db, id));
  }

  private site(id: string): Promise<Target> {
    return this.cached(`site:${id}`, () => siteTarget(this.db, id));
  }

  private userUnit(id: string): Promise<Target> {
    return this.cached(`user:${id}`, async () => {
      const user = await this.db.selectFrom('users').select('unitId').where('id', '=', id).executeTakeFirst();
      return user?.unitId ? { unitId: user.unitId } : EVERYTHING;
    });
  }

  private groupUnit(id: string): Promise<Target> {
    return this.cached(`group:${id}`, async () => {
      const group = await this.db.selectFrom('cameraGroups').select('unitId').where('id', '=', id).executeTakeFirst();
      return group ? { unitId: group.unitId } : EVERYTHING;
    });
  }

  /** An object that no longer resolves is of no unit. */
  private async cached(key: string, load: () => Promise<Target>): Promise<Target> {
    let target = this.cache.get(key);
    if (!target) {
      target = await load().catch(() => EVERYTHING);
      this.cache.set(key, target);
    }
    return target;
  }
}

function camerasIn(snapshot: Snapshot): string[] {
  const ids = new Set<string>();
  const one = text(snapshot.cameraId);
  if (one) ids.add(one);
  if (Array.isArray(snapshot.cameraIds)) for (const id of snapshot.cameraIds) if (text(id)) ids.add(id as string);
  if (Array.isArray(snapshot.ranges)) for (const range of snapshot.ranges as Snapshot[]) if (text(range?.cameraId)) ids.add(range.cameraId as string);
  return [...ids];
}
