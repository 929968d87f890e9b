/**
 * The object checks of services that are not generic registry CRUD (archive, filings, put-into-use,
 * remediation, retention, compliance): a signed-in actor writes only inside the scope of their grants
 * and reads only what their reach covers. The local operator (CLI) and system jobs carry no principal
 * and are not checked.
 */
import type { Db } from '../../db/connect.ts';
import type { Action } from '../../access/actions.ts';
import { cameraTarget, NO_UNIT, siteTarget, type Target } from '../../access/authorization/target.ts';
import type { Principal } from '../../access/principal.ts';
import type { Actor, RegistryContext } from './context.ts';

/** The actor holds `action` over the object (E_OUT_OF_SCOPE otherwise). Inside a transaction pass it as `db`. */
export async function requireWrite(ctx: Pick<RegistryContext, 'gate'>, actor: Actor, action: Action, target: Target | (() => Promise<Target>), db?: Db): Promise<void> {
  if (!actor.principal || !ctx.gate) return;
  await ctx.gate.requireOver(actor.principal, action, typeof target === 'function' ? await target() : target, { db });
}

/** The viewer may see the object (E_NOT_FOUND otherwise: its existence is not told). */
export async function requireSeen(ctx: Pick<RegistryContext, 'gate'>, viewer: Principal | undefined, target: Target | (() => Promise<Target>), kind: string, id: string): Promise<void> {
  if (!viewer || !ctx.gate) return;
  await ctx.gate.requireVisible(viewer, typeof target === 'function' ? await target() : target, kind, id);
}

/** The items whose object the viewer may see (all of them for the local operator). */
export async function withinReach<T>(ctx: Pick<RegistryContext, 'gate'>, viewer: Principal | undefined, items: readonly T[], targetOf: (item: T) => Target | Promise<Target>): Promise<T[]> {
  if (!viewer || !ctx.gate) return [...items];
  const reach = await ctx.gate.reach(viewer);
  if (reach.everything) return [...items];
  const kept: T[] = [];
  for (const item of items) if (reach.covers(await targetOf(item))) kept.push(item);
  return kept;
}

/** Site and camera targets looked up once each (for filtering long lists). */
export function targetLookup(db: Db): { site(id: string): Promise<Target>; camera(id: string): Promise<Target> } {
  const sites = new Map<string, Promise<Target>>();
  const cameras = new Map<string, Promise<Target>>();
  const once = (cache: Map<string, Promise<Target>>, id: string, load: () => Promise<Target>) => {
    let found = cache.get(id);
    if (!found) cache.set(id, (found = load()));
    return found;
  };
  return {
    site: (id) => once(sites, id, () => siteTarget(db, id).catch(() => ({ unitId: NO_UNIT, siteId: id }))),
    camera: (id) => once(cameras, id, () => cameraTarget(db, id).catch(() => ({ unitId: NO_UNIT, cameraId: id }))),
  };
}
