/** Tamper settings, learned references and re-learn history in and out (migration 0021). */
import type { Db } from '../../db/connect.ts';
import { tamperDb, type TamperRelearnsTable } from '../../db/tamper-tables.ts';
import { DEFAULT_TAMPER_SETTINGS, type TamperReference, type TamperSensitivity, type TamperSettings } from './tamper-model.ts';

export interface StoredTamper {
  settings: TamperSettings;
  reference: TamperReference | undefined;
}

export type TamperRelearn = Omit<TamperRelearnsTable, 'cameraId'>;

export const tamperRepository = {
  async load(db: Db, cameraId: string): Promise<StoredTamper> {
    const row = await tamperDb(db).selectFrom('tamperSettings').selectAll().where('cameraId', '=', cameraId).executeTakeFirst();
    if (!row) return { settings: { ...DEFAULT_TAMPER_SETTINGS }, reference: undefined };
    const settings: TamperSettings = { enabled: Boolean(row.enabled), sensitivity: row.sensitivity as TamperSensitivity };
    if (!row.reference || !row.referenceFrame || !row.learnedAt) return { settings, reference: undefined };
    const figures = JSON.parse(row.reference) as Omit<TamperReference, 'frame' | 'learnedAt'>;
    return { settings, reference: { ...figures, frame: new Uint8Array(Buffer.from(row.referenceFrame, 'base64')), learnedAt: row.learnedAt } };
  },

  async saveSettings(db: Db, cameraId: string, settings: TamperSettings, at: string): Promise<void> {
    const values = { enabled: settings.enabled ? 1 : 0, sensitivity: settings.sensitivity, updatedAt: at };
    await tamperDb(db)
      .insertInto('tamperSettings')
      .values({ cameraId, ...values, reference: null, referenceFrame: null, learnedAt: null })
      .onConflict((oc) => oc.column('cameraId').doUpdateSet(values))
      .execute();
  },

  /** A reference (or none, to learn afresh), keeping the settings as they are. */
  async saveReference(db: Db, cameraId: string, reference: TamperReference | null, at: string): Promise<void> {
    const values = reference
      ? { reference: JSON.stringify({ std: reference.std, contrast: reference.contrast, sharpness: reference.sharpness, frames: reference.frames }), referenceFrame: Buffer.from(reference.frame).toString('base64'), learnedAt: reference.learnedAt }
      : { reference: null, referenceFrame: null, learnedAt: null };
    await tamperDb(db)
      .insertInto('tamperSettings')
      .values({ cameraId, enabled: DEFAULT_TAMPER_SETTINGS.enabled ? 1 : 0, sensitivity: DEFAULT_TAMPER_SETTINGS.sensitivity, updatedAt: at, ...values })
      .onConflict((oc) => oc.column('cameraId').doUpdateSet({ ...values, updatedAt: at }))
      .execute();
  },

  async addRelearn(db: Db, row: TamperRelearnsTable): Promise<void> {
    await tamperDb(db).insertInto('tamperRelearns').values(row).execute();
  },

  /** When the camera's picture was last re-learnt by someone, if ever. */
  async lastRelearnAt(db: Db, cameraId: string): Promise<string | null> {
    const row = await tamperDb(db).selectFrom('tamperRelearns').select('at').where('cameraId', '=', cameraId).orderBy('at', 'desc').limit(1).executeTakeFirst();
    return row?.at ?? null;
  },

  async relearns(db: Db, cameraId: string, limit = 100): Promise<TamperRelearn[]> {
    return tamperDb(db).selectFrom('tamperRelearns').select(['id', 'userId', 'userName', 'reason', 'at']).where('cameraId', '=', cameraId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
};
