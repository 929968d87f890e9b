import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * The condition a hold is in force under at `at`: not released, or released only at a later time (a
 * scheduled release, e.g. a closed state-organ request's hold, REG-20-5). `releasedAt` names the
 * column, with its table alias where the query has one.
 */
export function holdInForceAt(releasedAt: string, at: Date): Expression<SqlBool> {
  const column = sql.ref(releasedAt);
  return sql<SqlBool>`(${column} is null or ${column} > ${at.toISOString()})`;
}
