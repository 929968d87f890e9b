/** GB/T 28181 devices, channels and sealed device passwords in and out (migration 0022). */
import type { Db } from '../../db/connect.ts';
import { gbDb, type GbChannelsTable, type GbDevicesTable } from '../../db/gb-tables.ts';
import type { CatalogItem } from '../manscdp/read.ts';
import type { GbChannel, GbDevice, GbSipTransport } from '../platform-api.ts';

export interface DeviceRegistration {
  deviceId: string;
  transport: GbSipTransport;
  host: string;
  port: number;
  registeredAt: string;
  expiresAt: string;
}

function toDevice(row: GbDevicesTable, channelCount: number, known: boolean): GbDevice {
  return {
    deviceId: row.deviceId,
    name: row.name,
    manufacturer: row.manufacturer,
    model: row.model,
    firmware: row.firmware,
    transport: row.transport === 'TCP' ? 'TCP' : 'UDP',
    host: row.host,
    port: row.port,
    online: Boolean(row.online),
    registeredAt: row.registeredAt,
    expiresAt: row.expiresAt,
    lastKeepaliveAt: row.lastKeepaliveAt,
    channelCount,
    known,
  };
}

function toChannel(row: GbChannelsTable): GbChannel {
  return {
    deviceId: row.deviceId,
    channelId: row.channelId,
    name: row.name,
    manufacturer: row.manufacturer,
    model: row.model,
    status: row.status === 'ON' || row.status === 'OFF' ? row.status : null,
    parentId: row.parentId,
    civilCode: row.civilCode,
    address: row.address,
    ptzType: row.ptzType,
    longitude: row.longitude,
    latitude: row.latitude,
    cameraId: row.cameraId,
    updatedAt: row.updatedAt,
  };
}

export const gbRepository = {
  async register(db: Db, reg: DeviceRegistration): Promise<void> {
    const values = { transport: reg.transport, host: reg.host, port: reg.port, online: 1, registeredAt: reg.registeredAt, expiresAt: reg.expiresAt, lastKeepaliveAt: reg.registeredAt, updatedAt: reg.registeredAt };
    await gbDb(db)
      .insertInto('gbDevices')
      .values({ deviceId: reg.deviceId, name: null, manufacturer: null, model: null, firmware: null, createdAt: reg.registeredAt, ...values })
      .onConflict((oc) => oc.column('deviceId').doUpdateSet(values))
      .execute();
  },

  async setOffline(db: Db, deviceId: string, at: string): Promise<void> {
    await gbDb(db).updateTable('gbDevices').set({ online: 0, updatedAt: at }).where('deviceId', '=', deviceId).execute();
  },

  async keepalive(db: Db, deviceId: string, at: string, peer: { host: string; port: number; transport: GbSipTransport }): Promise<void> {
    await gbDb(db).updateTable('gbDevices').set({ lastKeepaliveAt: at, online: 1, updatedAt: at, ...peer }).where('deviceId', '=', deviceId).execute();
  },

  async setInfo(db: Db, deviceId: string, info: { name: string | null; manufacturer: string | null; model: string | null; firmware: string | null }, at: string): Promise<void> {
    await gbDb(db).updateTable('gbDevices').set({ ...info, updatedAt: at }).where('deviceId', '=', deviceId).execute();
  },

  async deviceRow(db: Db, deviceId: string): Promise<GbDevicesTable | undefined> {
    return gbDb(db).selectFrom('gbDevices').selectAll().where('deviceId', '=', deviceId).executeTakeFirst();
  },

  /** Online devices whose keep-alive or registration ran out before the given instants. */
  async overdue(db: Db, keepaliveBefore: string, now: string): Promise<string[]> {
    const rows = await gbDb(db)
      .selectFrom('gbDevices')
      .select('deviceId')
      .where('online', '=', 1)
      .where((eb) => eb.or([eb('lastKeepaliveAt', '<', keepaliveBefore), eb('lastKeepaliveAt', 'is', null), eb('expiresAt', '<', now)]))
      .execute();
    return rows.map((row) => row.deviceId);
  },

  async devices(db: Db, deviceId?: string): Promise<GbDevice[]> {
    let query = gbDb(db).selectFrom('gbDevices').selectAll().orderBy('deviceId');
    if (deviceId) query = query.where('deviceId', '=', deviceId);
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const counts = await gbDb(db)
      .selectFrom('gbChannels')
      .select(['deviceId', (eb) => eb.fn.countAll<number>().as('channels'), (eb) => eb.fn.count<number>('cameraId').as('linked')])
      .where('removed', '=', 0)
      .where(
        'deviceId',
        'in',
        rows.map((row) => row.deviceId),
      )
      .groupBy('deviceId')
      .execute();
    const byDevice = new Map(counts.map((c) => [c.deviceId, c]));
    return rows.map((row) => {
      const count = byDevice.get(row.deviceId);
      return toDevice(row, Number(count?.channels ?? 0), Number(count?.linked ?? 0) > 0);
    });
  },

  async channels(db: Db, deviceId: string): Promise<GbChannel[]> {
    const rows = await gbDb(db).selectFrom('gbChannels').selectAll().where('deviceId', '=', deviceId).where('removed', '=', 0).orderBy('channelId').execute();
    return rows.map(toChannel);
  },

  async channel(db: Db, deviceId: string, channelId: string): Promise<GbChannel | undefined> {
    const row = await gbDb(db).selectFrom('gbChannels').selectAll().where('deviceId', '=', deviceId).where('channelId', '=', channelId).executeTakeFirst();
    return row ? toChannel(row) : undefined;
  },

  /** The channel a camera records, if any. */
  async channelOfCamera(db: Db, cameraId: string): Promise<GbChannel | undefined> {
    const row = await gbDb(db).selectFrom('gbChannels').selectAll().where('cameraId', '=', cameraId).executeTakeFirst();
    return row ? toChannel(row) : undefined;
  },

  /**
   * Catalog items upserted; when `complete` (every item the device announced arrived), channels it no
   * longer lists are marked removed. The camera link is never touched here.
   */
  async upsertCatalog(db: Db, deviceId: string, items: CatalogItem[], complete: boolean, at: string): Promise<void> {
    await gbDb(db)
      .transaction()
      .execute(async (trx) => {
        for (const item of items) {
          const values = { ...item, removed: 0, updatedAt: at };
          await trx
            .insertInto('gbChannels')
            .values({ deviceId, cameraId: null, ...values })
            .onConflict((oc) => oc.columns(['deviceId', 'channelId']).doUpdateSet(values))
            .execute();
        }
        if (complete) {
          let gone = trx.updateTable('gbChannels').set({ removed: 1, updatedAt: at }).where('deviceId', '=', deviceId).where('removed', '=', 0);
          if (items.length > 0)
            gone = gone.where(
              'channelId',
              'not in',
              items.map((item) => item.channelId),
            );
          await gone.execute();
        }
      });
  },

  async linkChannel(db: Db, deviceId: string, channelId: string, cameraId: string | null, at: string): Promise<boolean> {
    const result = await gbDb(db).updateTable('gbChannels').set({ cameraId, updatedAt: at }).where('deviceId', '=', deviceId).where('channelId', '=', channelId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async sealedPassword(db: Db, deviceId: string): Promise<string | undefined> {
    const row = await gbDb(db).selectFrom('gbDeviceSecrets').select('passwordSealed').where('deviceId', '=', deviceId).executeTakeFirst();
    return row?.passwordSealed;
  },

  async setSealedPassword(db: Db, deviceId: string, sealed: string | null, at: string): Promise<void> {
    if (sealed === null) {
      await gbDb(db).deleteFrom('gbDeviceSecrets').where('deviceId', '=', deviceId).execute();
      return;
    }
    await gbDb(db)
      .insertInto('gbDeviceSecrets')
      .values({ deviceId, passwordSealed: sealed, updatedAt: at })
      .onConflict((oc) => oc.column('deviceId').doUpdateSet({ passwordSealed: sealed, updatedAt: at }))
      .execute();
  },
};
