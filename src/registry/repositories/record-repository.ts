/**
 * Reads and writes one registry table as typed records. Storage conventions (see db/tables.ts):
 * booleans as 0/1, structured fields as JSON text. Every read is checked against the record schema,
 * so a row edited behind the application's back cannot flow on as a malformed record.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/tables.ts';

/* Dynamic table names defeat Kysely's static typing; this file is the one place that pays for it. */
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyDb = Kysely<any>;

export interface RecordSpec<R extends { id: string }> {
  table: keyof Database;
  schema: z.ZodType<R> & { shape: Record<string, unknown> };
  json: readonly (keyof R & string)[];
  bool: readonly (keyof R & string)[];
}

export type Filter = Record<string, string | number | boolean | null>;

export class RecordRepository<R extends { id: string }> {
  private readonly keys: string[];
  private readonly json: Set<string>;
  private readonly bool: Set<string>;

  constructor(private readonly spec: RecordSpec<R>) {
    this.keys = Object.keys(spec.schema.shape);
    this.json = new Set(spec.json);
    this.bool = new Set(spec.bool);
  }

  async get(db: Db, id: string): Promise<R | undefined> {
    const row = await (db as AnyDb).selectFrom(this.spec.table).selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.fromRow(row) : undefined;
  }

  async list(db: Db, filter: Filter = {}): Promise<R[]> {
    let query = (db as AnyDb).selectFrom(this.spec.table).selectAll();
    for (const [key, value] of Object.entries(filter)) {
      const stored = typeof value === 'boolean' ? Number(value) : value;
      query = stored === null ? query.where(key, 'is', null) : query.where(key, '=', stored);
    }
    const rows = await query.orderBy('createdAt').orderBy('id').execute();
    return rows.map((row: Record<string, unknown>) => this.fromRow(row));
  }

  async insert(db: Db, record: R, at: string): Promise<void> {
    await (db as AnyDb)
      .insertInto(this.spec.table)
      .values({ createdAt: at, ...this.toRow(record), updatedAt: at })
      .execute();
  }

  async update(db: Db, record: R, at: string): Promise<void> {
    const { id, ...values } = this.toRow(record);
    await (db as AnyDb)
      .updateTable(this.spec.table)
      .set({ ...values, updatedAt: at })
      .where('id', '=', id)
      .execute();
  }

  private toRow(record: R): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const key of this.keys) {
      const value = (record as Record<string, unknown>)[key];
      if (this.json.has(key)) row[key] = value === null || value === undefined ? null : JSON.stringify(value);
      else if (this.bool.has(key)) row[key] = value ? 1 : 0;
      else row[key] = value ?? null;
    }
    return row;
  }

  private fromRow(row: Record<string, unknown>): R {
    const record: Record<string, unknown> = {};
    for (const key of this.keys) {
      const value = row[key];
      if (this.json.has(key)) record[key] = typeof value === 'string' ? JSON.parse(value) : null;
      else if (this.bool.has(key)) record[key] = Number(value) === 1;
      else record[key] = typeof value === 'bigint' ? Number(value) : value;
    }
    return this.spec.schema.parse(record);
  }
}
