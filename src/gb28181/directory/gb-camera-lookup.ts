/** The registry cameras whose stream address is a given GB/T 28181 channel (any transport). */
import type { Db } from '../../db/connect.ts';

export async function camerasOfChannel(db: Db, deviceId: string, channelId: string): Promise<Array<{ id: string; name: string }>> {
  const base = `gb28181://${deviceId}/${channelId}`;
  const rows = await db
    .selectFrom('cameras')
    .select(['id', 'name', 'sourceUrl'])
    .where((eb) => eb.or([eb('sourceUrl', '=', base), eb('sourceUrl', 'like', `${base}?%`)]))
    .execute();
  return rows.map(({ id, name }) => ({ id, name }));
}

export async function cameraNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('cameras').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
