/** The segment rows video access reads (the recording index, read-only here). */
import type { Db } from '../../db/connect.ts';
import type { SegmentRow } from '../../recording/model.ts';

export async function segmentById(db: Db, id: string): Promise<SegmentRow | undefined> {
  return db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
}
